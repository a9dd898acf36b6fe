package dev.docent.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headings and paragraphs of plain text and Markdown: blank lines separate paragraphs; in Markdown, "# Title"
 * lines and underlined (=== / ---) lines are headings, and fenced code stays one block.
 */
public final class PlainTextStructure {

    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*$");

    private PlainTextStructure() {
    }

    public static List<Block> blocks(String text, boolean markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        boolean inFence = false;
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (markdown && FENCE.matcher(line).matches()) {
                inFence = !inFence;
                paragraph.add(line);
                continue;
            }
            if (inFence) {
                paragraph.add(line);
                continue;
            }
            if (markdown) {
                Matcher atx = ATX_HEADING.matcher(line);
                if (atx.matches()) {
                    flush(paragraph, blocks);
                    blocks.add(Block.heading(atx.group(1).length(), atx.group(2)));
                    continue;
                }
                Matcher underline = SETEXT_UNDERLINE.matcher(line);
                if (underline.matches() && paragraph.size() == 1) {
                    blocks.add(Block.heading(underline.group(1).charAt(0) == '=' ? 1 : 2, paragraph.get(0).strip()));
                    paragraph.clear();
                    continue;
                }
            }
            if (line.isBlank()) {
                flush(paragraph, blocks);
            } else {
                paragraph.add(line);
            }
        }
        flush(paragraph, blocks);
        return blocks;
    }

    private static void flush(List<String> lines, List<Block> blocks) {
        if (!lines.isEmpty()) {
            String text = String.join("\n", lines).strip();
            if (!text.isEmpty()) {
                blocks.add(Block.paragraph(text));
            }
            lines.clear();
        }
    }
}
