package dev.docent.guard;

/** One occurrence of personal or secret data in a text: its kind and where it is (end exclusive). */
public record PiiMatch(PiiType type, int start, int end) {

    public String in(String text) {
        return text.substring(start, end);
    }

    boolean overlaps(PiiMatch other) {
        return start < other.end && other.start < end;
    }
}
