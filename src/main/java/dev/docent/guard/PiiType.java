package dev.docent.guard;

import java.util.Locale;

/** The kinds of personal or secret data the guardrails recognise. */
public enum PiiType {
    SECRET, EMAIL, IBAN, CREDIT_CARD, SSN, IP_ADDRESS, PHONE;

    /** The configuration key part and the placeholder name, e.g. credit-card / CREDIT_CARD. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
