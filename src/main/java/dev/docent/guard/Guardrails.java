package dev.docent.guard;

import dev.docent.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Inspects every question before anything else sees it: refuses prompt-injection attempts, and applies the
 * per-kind policy for personal data (docent.guard.pii.KIND = block, redact or allow). Each decision is logged by
 * kind and action, never with the value.
 */
@ApplicationScoped
public class Guardrails implements QuestionGuard {

    private static final Logger LOG = Logger.getLogger(Guardrails.class.getName());
    static final Map<PiiType, PiiAction> DEFAULTS = Map.of(
            PiiType.SECRET, PiiAction.BLOCK,
            PiiType.CREDIT_CARD, PiiAction.BLOCK,
            PiiType.SSN, PiiAction.BLOCK,
            PiiType.IBAN, PiiAction.REDACT,
            PiiType.EMAIL, PiiAction.REDACT,
            PiiType.PHONE, PiiAction.REDACT,
            PiiType.IP_ADDRESS, PiiAction.ALLOW);

    private final Map<PiiType, PiiAction> policy;
    private final MetricRegistry metrics;

    @Inject
    public Guardrails(Config config, MetricRegistry metrics) {
        this.policy = policyFrom(config);
        this.metrics = metrics;
    }

    /** For CDI's client proxy only. */
    protected Guardrails() {
        this.policy = DEFAULTS;
        this.metrics = null;
    }

    static Map<PiiType, PiiAction> policyFrom(Config config) {
        Map<PiiType, PiiAction> policy = new EnumMap<>(DEFAULTS);
        for (PiiType type : PiiType.values()) {
            config.getOptionalValue("docent.guard.pii." + type.key(), String.class)
                    .ifPresent(v -> policy.put(type, PiiAction.valueOf(v.strip().toUpperCase(Locale.ROOT))));
        }
        return policy;
    }

    void logPolicy(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.info(() -> "Guardrail policy for personal data: " + policy);
    }

    /**
     * @throws ApiException 422 for an injection attempt or data whose policy is block
     */
    @Override
    public GuardedQuestion inspect(String question) {
        if (InjectionDetector.detect(question).isPresent()) {
            record("PROMPT_INJECTION", "BLOCK", 1);
            throw new ApiException(422, "prompt_injection", "This question tries to change Docent's instructions, "
                    + "so it was not answered. Ask about the content of your documents instead.");
        }
        List<PiiMatch> matches = PiiDetector.find(question);
        Map<PiiType, PiiAction> decisions = new EnumMap<>(PiiType.class);
        PiiDetector.counts(matches).forEach((type, count) -> {
            PiiAction action = policy.get(type);
            decisions.put(type, action);
            record(type.name(), action.name(), count);
        });
        Set<PiiType> blocked = EnumSet.noneOf(PiiType.class);
        decisions.forEach((type, action) -> {
            if (action == PiiAction.BLOCK) {
                blocked.add(type);
            }
        });
        if (!blocked.isEmpty()) {
            throw new ApiException(422, "personal_data", "The question contains "
                    + describe(blocked) + ", which Docent does not accept. Remove it and ask again.");
        }
        Set<PiiType> redacted = EnumSet.noneOf(PiiType.class);
        decisions.forEach((type, action) -> {
            if (action == PiiAction.REDACT) {
                redacted.add(type);
            }
        });
        String text = redacted.isEmpty() ? question : new Redactor(redacted).redact(question);
        return new GuardedQuestion(text, decisions);
    }

    /** Every kind not allowed in questions is also kept from an external language model; allowed ones too. */
    public Redactor redactorForExternalModel() {
        return new Redactor(EnumSet.allOf(PiiType.class));
    }

    private void record(String type, String action, long count) {
        LOG.info(() -> "guardrail decision: type=" + type + " action=" + action + " occurrences=" + count);
        if (metrics != null) {
            metrics.counter("docent_guardrail_decisions_total", new Tag("type", type), new Tag("action", action))
                    .inc(count);
        }
    }

    private static String describe(Set<PiiType> types) {
        return String.join(", ", types.stream().map(t -> switch (t) {
            case SECRET -> "a password, key or token";
            case CREDIT_CARD -> "a credit card number";
            case SSN -> "a social security number";
            case IBAN -> "a bank account number (IBAN)";
            case EMAIL -> "an e-mail address";
            case PHONE -> "a phone number";
            case IP_ADDRESS -> "an IP address";
        }).toList());
    }
}
