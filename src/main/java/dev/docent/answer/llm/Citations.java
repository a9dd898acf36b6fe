package dev.docent.answer.llm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a generated answer rests on its passages: it cites at least one, and only ones that exist. */
public final class Citations {

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3})]");

    private Citations() {
    }

    public static boolean grounded(String answer, int passages) {
        Matcher matcher = CITATION.matcher(answer);
        boolean any = false;
        while (matcher.find()) {
            int n = Integer.parseInt(matcher.group(1));
            if (n < 1 || n > passages) {
                return false;
            }
            any = true;
        }
        return any;
    }
}
