package dev.docent.guard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds personal and secret data in text. Numbers are only reported when they pass the check their kind has
 * (Luhn for cards, mod 97 for IBANs, the issuing rules for US social security numbers, octet ranges for IPv4),
 * which keeps order numbers, dates and versions from being taken for card numbers or addresses.
 */
public final class PiiDetector {

    private record Rule(PiiType type, Pattern pattern, Predicate<String> valid) {
    }

    private static final Predicate<String> ANY = s -> true;

    /** Checked in this order; a later match that overlaps an earlier one is dropped. */
    private static final List<Rule> RULES = List.of(
            new Rule(PiiType.SECRET, Pattern.compile(
                    "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"), ANY),
            new Rule(PiiType.SECRET, Pattern.compile(
                    "\\b(?:sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|xox[abprs]-[A-Za-z0-9-]{10,}"
                            + "|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})"),
                    ANY),
            new Rule(PiiType.SECRET, Pattern.compile(
                    "(?i)(?<=\\b(?:api[_-]?key|secret|password|passwd|pwd|token|access[_-]?key)\\b\\s{0,3}[:=]\\s{0,3})"
                            + "[^\\s\"',;]{6,}"), ANY),
            new Rule(PiiType.EMAIL, Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"),
                    ANY),
            new Rule(PiiType.IBAN, Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b"), PiiDetector::validIban),
            new Rule(PiiType.CREDIT_CARD, Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])"),
                    PiiDetector::luhn),
            new Rule(PiiType.SSN, Pattern.compile("\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b"), ANY),
            new Rule(PiiType.IP_ADDRESS, Pattern.compile(
                    "\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b"), ANY),
            new Rule(PiiType.IP_ADDRESS, Pattern.compile(
                    "(?i)\\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\\b|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![0-9a-f:])"),
                    s -> s.contains("::") ? s.length() > 3 : true),
            new Rule(PiiType.PHONE, Pattern.compile(
                    "(?<![\\w+])(?<!\\d[ ./-])(?:(?:\\+|00)\\d{1,3}[\\s./-]?(?:\\(0?\\d{1,4}\\)[\\s./-]?)?(?:\\d{1,5}[\\s./-]?){1,5}\\d{2,5}"
                            + "|\\(\\d{3}\\)\\s?\\d{3}[\\s.-]\\d{4}|\\b\\d{3}[.-]\\d{3}[.-]\\d{4})(?![\\w-])"),
                    s -> digits(s).length() >= 8 && digits(s).length() <= 15));

    private PiiDetector() {
    }

    public static List<PiiMatch> find(String text) {
        List<PiiMatch> found = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(text);
            while (matcher.find()) {
                PiiMatch match = new PiiMatch(rule.type(), matcher.start(), matcher.end());
                if (rule.valid().test(matcher.group()) && found.stream().noneMatch(match::overlaps)) {
                    found.add(match);
                }
            }
        }
        found.sort(Comparator.comparingInt(PiiMatch::start));
        return found;
    }

    /** How many of each kind, for logging decisions without the values. */
    public static Map<PiiType, Long> counts(List<PiiMatch> matches) {
        return matches.stream().collect(Collectors.groupingBy(PiiMatch::type, () -> new EnumMap<>(PiiType.class),
                Collectors.counting()));
    }

    static boolean luhn(String candidate) {
        String number = digits(candidate);
        if (number.length() < 13 || number.length() > 19 || number.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int digit = number.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isLetter(c) ? Integer.toString(c - 'A' + 10) : String.valueOf(c));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }
}
