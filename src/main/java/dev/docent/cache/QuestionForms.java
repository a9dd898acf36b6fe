package dev.docent.cache;

import dev.docent.text.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How the cache compares questions. Exact matches compare the normalized text. Near matches also need the same
 * polarity: the same negations, the same side of every pair of opposites (enable/disable, increase/reduce, ...) in
 * any inflection ("increases" is "increase"), the same numbers, the same names and codes, and a comparison the same
 * way round. Questions that differ only there sit as close in embedding space as paraphrases (0.85-0.99 on
 * bge-small: SciFact's claims and counter-claims, "on Windows" and "on Linux") and yet ask something else.
 */
public final class QuestionForms {

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "cannot", "can't", "don't",
            "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "mustn't",
            "couldn't", "nor", "none", "neither", "nobody", "nothing", "nowhere", "hardly", "except", "unless");

    /** Krovetz's stemmer (Lucene's): "increases" is "increase", and a stem stays a word. */
    private static final Analyzer STEMS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer word = new KeywordTokenizer();
            return new TokenStreamComponents(word, new KStemFilter(word));
        }
    };

    /**
     * Words whose opposite asks the opposite, by stem: two questions must use the same ones (a synonym counts as a
     * difference: a miss costs an answer's time, a wrong hit costs the answer). Both words of a pair count when
     * neither is the usual way to ask (open/close, increase/reduce); where one is (enable, install, include, in,
     * on, more), only the other counts (disable, uninstall, exclude, out, off, less), so that "How do I install X?"
     * still meets "How do I set up X?" while "How do I uninstall X?" meets neither. Words that paraphrases swap
     * for synonyms all the time (fast, long, new, up) are left out.
     */
    private static final Set<String> OPPOSITES = stemsOf(
            "start:stop", "open:close", "opens:closes", "opening:closing", "maximum:minimum", "max:min",
            "before:after", "upgrade:downgrade", "import:export", "upload:download", "buy:sell", "hire:fire",
            "encrypt:decrypt", "public:private", "internal:external", "first:last", "above:below", "higher:lower",
            "earliest:latest", "inbound:outbound", "mandatory:optional", "required:optional",
            // Direction and effect: the words that tell SciFact's claims from their counter-claims.
            "increase:decrease", "increase:reduce", "increase:lower", "raise:lower", "rise:fall", "grow:shrink",
            "expand:shrink", "enhance:reduce", "enhance:impair", "improve:worsen", "improve:impair",
            "promote:suppress", "promote:inhibit", "promote:impair", "promote:prevent", "activate:inhibit",
            "activated:inhibited", "activate:suppress", "stimulate:inhibit", "induce:inhibit", "induce:prevent",
            "cause:prevent", "accelerate:delay", "accelerate:slow", "upregulate:downregulate", "strengthen:weaken",
            "agonist:antagonist", "high:low", "large:small", "greater:smaller", "better:worse", "best:worst",
            "positive:negative", "gain:loss", "gain:lose", "win:lose", "upstream:downstream", "input:output",
            "send:receive",
            // The marked side only.
            "disable", "disabled", "deny", "denied", "forbid", "prohibit", "remove", "delete", "exclude", "off", "out",
            "uninstall", "unlock", "revoke", "deactivate", "unsubscribe", "disconnect", "hide", "less", "fewer",
            "reject", "invalid", "illegal", "unpaid", "harm", "failure", "fail", "false", "unsafe", "absence",
            "different", "previous", "leave");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");

    private QuestionForms() {
    }

    /** Lower case, single spaces, no trailing punctuation: "How do I enable X?" and "how do i  enable x" meet. */
    public static String normalize(String question) {
        return question.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("\\s+", " ")
                .replaceAll("[\\s?!.。,;:\"']+$", "").strip();
    }

    public static String hash(String normalized) {
        return Hashing.sha256(normalized);
    }

    /**
     * Whether two questions, as asked, can share an answer as far as negations, opposites, numbers and names go: a
     * name or code ("Berlin", "SAP", "iOS") in either must be a word of the other, because questions that differ only
     * in one ("the Munich office" and "the Berlin office") are as close in embedding space as paraphrases.
     */
    public static boolean samePolarity(String a, String b) {
        String normalizedA = normalize(a);
        String normalizedB = normalize(b);
        return signature(normalizedA).equals(signature(normalizedB)) && namesFoundIn(a, words(normalizedB))
                && namesFoundIn(b, words(normalizedA)) && !reversedComparison(normalizedA, normalizedB);
    }

    /**
     * "Are arterioles larger than venules?" and "Are venules larger than arterioles?" (0.97 apart): a word that
     * only one side of "than" holds in one question, and only the other side in the other.
     */
    private static boolean reversedComparison(String a, String b) {
        int thanA = a.indexOf(" than ");
        int thanB = b.indexOf(" than ");
        if (thanA < 0 || thanB < 0) {
            return false;
        }
        Set<String> beforeA = words(a.substring(0, thanA));
        Set<String> afterA = words(a.substring(thanA + 6));
        Set<String> beforeB = words(b.substring(0, thanB));
        Set<String> afterB = words(b.substring(thanB + 6));
        return sharesOneSided(beforeA, afterA, afterB, beforeB) || sharesOneSided(afterA, beforeA, beforeB, afterB);
    }

    /** Whether a word only in {@code side} (not {@code otherSide}) is only in {@code opposite} (not its other). */
    private static boolean sharesOneSided(Set<String> side, Set<String> otherSide, Set<String> opposite,
                                          Set<String> oppositeOther) {
        return side.stream().anyMatch(word -> !otherSide.contains(word) && opposite.contains(word)
                && !oppositeOther.contains(word));
    }

    private static Set<String> words(String normalized) {
        Set<String> words = new TreeSet<>();
        Matcher matcher = WORD.matcher(normalized);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    /** Whether every name or code in {@code asked} is one of {@code otherWords} (the other question's). */
    private static boolean namesFoundIn(String asked, Set<String> otherWords) {
        Matcher tokens = WORD.matcher(asked.replace('\u2019', '\''));
        while (tokens.find()) {
            if (isName(tokens.group(), startsSentence(asked, tokens.start()))
                    && !otherWords.contains(tokens.group().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** A capital inside the word, or at its start inside a sentence; "I" and "I'm" are not names. */
    private static boolean isName(String token, boolean startsSentence) {
        if (token.equals("I") || token.startsWith("I'")) {
            return false;
        }
        for (int i = 1; i < token.length(); i++) {
            if (Character.isUpperCase(token.charAt(i))) {
                return true;
            }
        }
        return !startsSentence && Character.isUpperCase(token.charAt(0));
    }

    private static boolean startsSentence(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                return false;
            }
            if (c == '.' || c == '?' || c == '!' || c == ':' || c == '\n') {
                return true;
            }
        }
        return true;
    }

    static Map<String, Integer> signature(String normalized) {
        Map<String, Integer> signature = new TreeMap<>();
        Matcher words = WORD.matcher(normalized);
        while (words.find()) {
            String word = words.group();
            if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                signature.merge("not", 1, Integer::sum);
            }
            String stem = stem(word);
            if (OPPOSITES.contains(stem)) {
                signature.merge(stem, 1, Integer::sum);
            }
        }
        Matcher numbers = NUMBER.matcher(normalized);
        while (numbers.find()) {
            signature.merge("#" + numbers.group().replace(',', '.'), 1, Integer::sum);
        }
        return signature;
    }

    private static Set<String> stemsOf(String... pairsAndWords) {
        Set<String> stems = new TreeSet<>();
        for (String pair : pairsAndWords) {
            for (String word : pair.split(":")) {
                stems.add(stem(word));
            }
        }
        return Set.copyOf(stems);
    }

    static String stem(String word) {
        try (TokenStream stream = STEMS.tokenStream("", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            String stem = stream.incrementToken() ? term.toString() : word;
            stream.end();
            return stem;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stem " + word, e);
        }
    }
}
