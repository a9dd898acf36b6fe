package dev.docent.ingest.chunk;

import dev.docent.embed.TokenCounter;
import dev.docent.ingest.parse.Block;
import dev.docent.ingest.parse.ParsedDocument;
import dev.docent.text.Hashing;
import dev.docent.text.Sentences;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cuts a document into passages that follow its structure: a passage never spans two sections, paragraphs are
 * packed whole while they fit, a paragraph too long is cut between sentences, a sentence too long between words.
 * Each passage after the first of a section starts with the last sentences of the one before (the overlap), so that
 * an answer spanning a cut is still found. Passages are bounded in the embedding model's own tokens.
 */
public class Chunker {

    private final TokenCounter tokens;
    private final int maxTokens;
    private final int overlapTokens;

    public Chunker(TokenCounter tokens, int maxTokens, int overlapTokens) {
        if (maxTokens < 16 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("need maxTokens >= 16 and 0 <= overlapTokens < maxTokens / 2");
        }
        this.tokens = tokens;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    public List<ChunkDraft> chunk(ParsedDocument document, String title) {
        List<ChunkDraft> drafts = new ArrayList<>();
        String[] headings = new String[7];
        Section section = null;
        for (Block block : document.blocks()) {
            if (block.isHeading()) {
                if (section != null) {
                    section.finish(drafts);
                }
                headings[block.headingLevel()] = block.text();
                for (int level = block.headingLevel() + 1; level < headings.length; level++) {
                    headings[level] = null;
                }
                section = null;
                continue;
            }
            if (section == null) {
                section = new Section(headingPath(headings), title);
            }
            section.add(block.text(), drafts);
        }
        if (section != null) {
            section.finish(drafts);
        }
        return drafts;
    }

    private static String headingPath(String[] headings) {
        StringBuilder path = new StringBuilder();
        for (String heading : headings) {
            if (heading != null && !heading.isBlank()) {
                if (path.length() > 0) {
                    path.append(" > ");
                }
                path.append(heading.strip());
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    /** The passages of one section, built up unit by unit. */
    private final class Section {

        private final String heading;
        private final String prefix;
        private final int budget;
        private final List<Unit> current = new ArrayList<>();
        private int currentTokens;
        private boolean currentHasNewContent;

        Section(String heading, String title) {
            this.heading = heading;
            StringBuilder p = new StringBuilder();
            if (title != null && !title.isBlank()) {
                p.append(title.strip()).append('\n');
            }
            if (heading != null && !heading.equals(title)) {
                p.append(heading).append('\n');
            }
            this.prefix = p.toString();
            int prefixTokens = prefix.isEmpty() ? 0 : tokens.count(prefix);
            // A very long title or heading must not starve the passage itself.
            this.budget = Math.max(maxTokens / 2, maxTokens - prefixTokens);
        }

        void add(String paragraph, List<ChunkDraft> drafts) {
            int paragraphTokens = tokens.count(paragraph);
            if (paragraphTokens <= budget) {
                append(new Unit(paragraph, paragraphTokens, true), drafts);
                return;
            }
            for (String sentence : Sentences.split(paragraph)) {
                int sentenceTokens = tokens.count(sentence);
                if (sentenceTokens <= budget) {
                    append(new Unit(sentence, sentenceTokens, false), drafts);
                } else {
                    for (Unit piece : splitWords(sentence)) {
                        append(piece, drafts);
                    }
                }
            }
        }

        private void append(Unit unit, List<ChunkDraft> drafts) {
            if (currentTokens + unit.tokens > budget && currentHasNewContent) {
                List<Unit> overlap = overlapOf(current);
                emit(drafts);
                for (Unit u : overlap) {
                    if (currentTokens + u.tokens + unit.tokens <= budget) {
                        current.add(u);
                        currentTokens += u.tokens;
                    }
                }
            }
            current.add(unit);
            currentTokens += unit.tokens;
            currentHasNewContent = true;
        }

        void finish(List<ChunkDraft> drafts) {
            if (currentHasNewContent) {
                emit(drafts);
            }
        }

        private void emit(List<ChunkDraft> drafts) {
            StringBuilder text = new StringBuilder();
            Unit previous = null;
            for (Unit unit : current) {
                if (previous != null) {
                    text.append(previous.paragraph || unit.paragraph ? "\n\n" : " ");
                }
                text.append(unit.text);
                previous = unit;
            }
            String body = text.toString();
            String embeddingText = prefix + body;
            drafts.add(new ChunkDraft(drafts.size(), heading, body, embeddingText, Hashing.sha256(embeddingText),
                    currentTokens));
            current.clear();
            currentTokens = 0;
            currentHasNewContent = false;
        }

        /** The trailing sentences of a passage, up to the overlap budget. */
        private List<Unit> overlapOf(List<Unit> units) {
            Deque<Unit> tail = new ArrayDeque<>();
            int used = 0;
            for (int i = units.size() - 1; i >= 0 && overlapTokens > 0; i--) {
                Unit unit = units.get(i);
                List<String> sentences = unit.paragraph ? Sentences.split(unit.text) : List.of(unit.text);
                for (int s = sentences.size() - 1; s >= 0; s--) {
                    int count = tokens.count(sentences.get(s));
                    if (used + count > overlapTokens) {
                        return List.copyOf(tail);
                    }
                    tail.addFirst(new Unit(sentences.get(s), count, false));
                    used += count;
                }
            }
            return List.copyOf(tail);
        }

        /** A sentence longer than the budget, cut into word runs that fit. */
        private List<Unit> splitWords(String sentence) {
            List<Unit> pieces = new ArrayList<>();
            StringBuilder piece = new StringBuilder();
            int pieceTokens = 0;
            for (String word : sentence.split("\\s+")) {
                int wordTokens = tokens.count(word);
                if (pieceTokens + wordTokens > budget && piece.length() > 0) {
                    pieces.add(new Unit(piece.toString(), pieceTokens, false));
                    piece.setLength(0);
                    pieceTokens = 0;
                }
                if (piece.length() > 0) {
                    piece.append(' ');
                }
                piece.append(word);
                pieceTokens += wordTokens;
            }
            if (piece.length() > 0) {
                pieces.add(new Unit(piece.toString(), pieceTokens, false));
            }
            return pieces;
        }
    }

    /** A paragraph or a sentence, with its token count. */
    private record Unit(String text, int tokens, boolean paragraph) {
    }
}
