package dev.docent.guard;

import java.util.List;
import java.util.Map;

/** Personal and secret data of every kind the guardrails know, and look-alikes that are none of it. */
public final class GuardrailCorpus {

    public static final Map<PiiType, List<String>> VALUES = Map.of(
            PiiType.EMAIL, List.of("jane.doe@example.com", "ops+alerts@corp.example.org"),
            PiiType.PHONE, List.of("+49 30 1234567", "+1 (555) 123-4567", "(555) 987-6543", "0049 89 7654321"),
            PiiType.CREDIT_CARD, List.of("4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"),
            PiiType.IBAN, List.of("DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432"),
            PiiType.SSN, List.of("123-45-6789"),
            PiiType.IP_ADDRESS, List.of("192.168.10.25", "2001:db8::8a2e:370:7334"),
            PiiType.SECRET, List.of("sk-abcdefghijklmnopqrstuvwxyz123456", "AKIAIOSFODNN7EXAMPLE",
                    "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"));

    /** Text that looks like data but is not: must pass untouched. */
    public static final List<String> LOOK_ALIKES = List.of(
            "version 2.5.10", "on 2026-11-24", "order 12345678", "room 3.14", "at 10:30:45", "ISO 9001",
            "extension 4711", "card 4111 1111 1111 1112", "account DE89 3704 0044 0532 0130 01", "host 999.1.1.1",
            "the password policy", "token ring", "call me at noon");

    private GuardrailCorpus() {
    }
}
