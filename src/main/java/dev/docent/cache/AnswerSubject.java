package dev.docent.cache;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Whether a cached answer is about what another question asks: every word of the cached question that its answer
 * repeats must be a word of the other question too (by stem). Those words are the answer's subject ("marketing" in
 * "Who approves purchase orders in the marketing department?" answered "... in the marketing department, the CMO").
 * A question that swaps one of them for another ("... in the sales department?", 0.97 on bge-small) sits as close
 * as a paraphrase and would get an answer about the wrong thing, and no list of opposites or test for capitals can
 * tell "marketing" from "sales". A paraphrase rewords the question around its subject (quickly/fast, must/have to),
 * and answers repeat the subject, not the wording. A synonym for the subject itself is a miss: it costs an
 * answer's time, where a wrong hit costs the answer.
 */
public final class AnswerSubject {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'-]*");

    /** Words any question or answer may hold whatever it is about: Lucene's English stop words and question words. */
    private static final Set<String> COMMON = common();

    private AnswerSubject() {
    }

    public static boolean kept(String cachedQuestion, String answer, String asked) {
        Set<String> askedStems = contentStems(asked);
        Set<String> dropped = contentStems(cachedQuestion);
        dropped.removeAll(askedStems);
        if (dropped.isEmpty()) {
            return true;
        }
        Set<String> answered = contentStems(answer);
        return dropped.stream().noneMatch(answered::contains);
    }

    private static Set<String> contentStems(String text) {
        Set<String> stems = new TreeSet<>();
        Matcher words = WORD.matcher(QuestionForms.normalize(text));
        while (words.find()) {
            String word = words.group();
            if (word.endsWith("'s")) {
                word = word.substring(0, word.length() - 2);
            }
            if (word.length() > 2 && !COMMON.contains(word)) {
                stems.add(QuestionForms.stem(word));
            }
        }
        return stems;
    }

    private static Set<String> common() {
        Set<String> words = new TreeSet<>();
        EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.forEach(word -> words.add(
                word instanceof char[] chars ? new String(chars) : word.toString()));
        words.addAll(Set.of("how", "what", "when", "where", "which", "who", "whom", "whose", "why", "does", "did",
                "doing", "done", "can", "could", "may", "might", "must", "shall", "should", "would", "have", "has",
                "had", "having", "been", "being", "were", "are", "our", "ours", "you", "your", "yours", "his", "her",
                "hers", "its", "him", "she", "they", "them", "their", "there", "here", "from", "about", "than",
                "too", "very", "any", "all", "some", "each", "every", "also", "just", "only", "get", "got", "need",
                "needs", "want", "let", "please", "tell", "know", "yes", "one", "out", "off", "able", "allowed"));
        return Set.copyOf(words);
    }
}
