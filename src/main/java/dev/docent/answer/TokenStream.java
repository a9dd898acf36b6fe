package dev.docent.answer;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hands out a finished text word by word (each with its trailing space), the way a model would stream it. */
final class TokenStream {

    private static final Pattern TOKEN = Pattern.compile("\\S+\\s*");

    private TokenStream() {
    }

    static String emit(String text, Consumer<String> tokens) {
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.accept(matcher.group());
        }
        return text;
    }
}
