package dev.docent.bench;

import dev.docent.cache.QuestionForms;
import dev.docent.embed.BgeSmallModel;
import dev.docent.embed.Vectors;
import dev.docent.observe.eval.BeirDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./docent bench cache-threshold}: where the semantic cache's similarity threshold separates a paraphrase
 * (should share an answer) from a different question on the same subject (must not), with the question embedded
 * with BGE's query instruction and without it. Two sources: hand-written intranet question pairs, labelled, and
 * SciFact's claims, each of which is its own question: the share of claims whose nearest other claim clears a
 * threshold is how often the cache would answer a question with another one's answer. A hit also needs the cache's
 * polarity check ({@link QuestionForms#samePolarity}), as in the cache. Prints, per threshold, the paraphrases that
 * hit and the different questions that would (wrongly) hit, and the similarities before the polarity check.
 */
public final class CacheThresholdBench {

    private static final String INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /** {@code =} pairs ask the same thing in other words; {@code ≠} pairs ask something else about the same subject. */
    private static final String PAIRS = """
            = How quickly must the on-call engineer answer a page? | How fast does the on-call engineer have to answer pages?
            = How do I reset my password? | What are the steps to reset my password?
            = How many vacation days do I get per year? | What is my annual vacation allowance?
            = Who approves production deployments? | Who has to sign off on a production deployment?
            = When is lunch served in the cafeteria? | What time does the cafeteria serve lunch?
            = How do I request a new laptop? | What is the process for ordering a new laptop?
            = Where can I find the expense policy? | Where is the expense policy published?
            = How do I connect to the VPN from home? | How can I use the VPN when working from home?
            = What is the deadline for submitting expense reports? | By when must expense reports be submitted?
            = Can I work remotely on Fridays? | Am I allowed to work from home on Fridays?
            = How long is parental leave? | How many weeks of parental leave are there?
            = Who do I contact about payroll errors? | Whom should I contact if my paycheck is wrong?
            = How do I book a meeting room? | What is the way to reserve a meeting room?
            = What is the per diem for business travel? | How much is the daily allowance on business trips?
            = How often are performance reviews held? | How frequently do performance reviews happen?
            = What is the retention period for customer data? | How long do we keep customer data?
            = How do I report a security incident? | What should I do to report a security incident?
            = Is there a dress code in the office? | Does the office have a dress code?
            = How do I get access to the data warehouse? | How can I request access to the data warehouse?
            = What is the on-call rotation schedule? | How does the on-call rotation work?
            = How do I submit a sick note? | Where do I hand in a doctor's note when I am sick?
            = What does the onboarding checklist include? | What is on the onboarding checklist?
            = How are bonuses calculated? | What is the formula for calculating bonuses?
            = Which browsers are supported by the intranet? | What browsers does the intranet support?
            = How do I rotate an API key? | What is the procedure for rotating API keys?
            ≠ How do I reset my password? | How do I change my username?
            ≠ How many vacation days do I get per year? | How many sick days do I get per year?
            ≠ Who approves production deployments? | Who approves expense reports?
            ≠ When is lunch served in the cafeteria? | When is breakfast served in the cafeteria?
            ≠ How do I request a new laptop? | How do I return my old laptop?
            ≠ Where can I find the expense policy? | Where can I find the travel policy?
            ≠ How do I connect to the VPN from home? | How do I connect to the office Wi-Fi?
            ≠ What is the deadline for submitting expense reports? | What is the deadline for submitting timesheets?
            ≠ Can I work remotely on Fridays? | Can I work remotely from another country?
            ≠ How long is parental leave? | How long is the probation period?
            ≠ Who do I contact about payroll errors? | Who do I contact about benefits enrollment?
            ≠ How do I book a meeting room? | How do I book a parking space?
            ≠ What is the per diem for business travel in Germany? | What is the per diem for business travel in Japan?
            ≠ How often are performance reviews held? | How often are salaries reviewed?
            ≠ What is the retention period for customer data? | What is the retention period for employee data?
            ≠ How do I report a security incident? | How do I report a workplace accident?
            ≠ How do I get access to the data warehouse? | How do I get access to the production database?
            ≠ What is the on-call rotation schedule? | What is the on-call compensation?
            ≠ How are bonuses calculated? | When are bonuses paid?
            ≠ How do I rotate an API key? | How long is an API key valid?
            ≠ What is the minimum password length? | What is the password expiry period?
            ≠ Which laptop models can I order? | Which phone models can I order?
            ≠ How do I set up two-factor authentication? | How do I set up email forwarding?
            ≠ Who is the data protection officer? | Who is the information security officer?
            ≠ What are the office opening hours in London? | What are the office opening hours in Paris?
            ≠ How do I set up the VPN client on a Windows laptop when I work from home? | How do I set up the VPN client on a Linux laptop when I work from home?
            ≠ Which steps set up the VPN client on Windows? | Which steps set up the VPN client on Linux?
            ≠ Who approves production deployments for the Payments team? | Who approves production deployments for the Billing team?
            ≠ How do I enable the VPN? | How do I disable the VPN?
            ≠ Does cold exposure increase BAT recruitment? | Does cold exposure reduce BAT recruitment?
            """;

    /** docent.cache.min-similarity's default. */
    private static final double DEFAULT_THRESHOLD = 0.93;

    private static final double[] THRESHOLDS = {0.85, 0.87, 0.89, 0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96};

    private record Pair(boolean same, String first, String second) {
    }

    /** A labelled pair as the cache sees it: a pair the polarity check keeps apart never hits, however close. */
    private record Compared(boolean same, boolean comparable, double similarity) {

        boolean hitsAt(double threshold) {
            return comparable && similarity >= threshold;
        }
    }

    private CacheThresholdBench() {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dataset = Path.of(System.getProperty("docent.bench.dataset", "../shared/datasets/scifact"));
        List<String> claims = new ArrayList<>(BeirDataset.read(dataset, limit).queries().values());
        List<Pair> pairs = PAIRS.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> {
            String[] questions = line.substring(2).split("\\|");
            return new Pair(line.startsWith("="), questions[0].strip(), questions[1].strip());
        }).toList();
        BgeSmallModel model = new BgeSmallModel(Runnable::run, 1);
        System.out.printf("## The cache's similarity threshold, %s%n%nMachine: %s. %d labelled pairs (%d paraphrases), "
                        + "%d SciFact claims.%n%n", java.time.LocalDate.now(), Machine.describe(), pairs.size(),
                pairs.stream().filter(Pair::same).count(), claims.size());
        System.out.println("| question embedded | threshold | paraphrases that hit | different questions that hit "
                + "| SciFact claims answered by another |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (String instruction : List.of(INSTRUCTION, "")) {
            String form = instruction.isEmpty() ? "plain" : "with BGE's instruction";
            List<Compared> labelled = pairs.stream().map(pair -> new Compared(pair.same(),
                    QuestionForms.samePolarity(pair.first(), pair.second()),
                    Vectors.dot(embed(model, instruction, pair.first()), embed(model, instruction, pair.second()))))
                    .toList();
            long paraphrasePairs = labelled.stream().filter(Compared::same).count();
            int[] partner = new int[claims.size()];
            double[] nearest = nearestSamePolarity(model, instruction, claims, partner);
            for (double threshold : THRESHOLDS) {
                long paraphrases = labelled.stream().filter(p -> p.same() && p.hitsAt(threshold)).count();
                long wrong = labelled.stream().filter(p -> !p.same() && p.hitsAt(threshold)).count();
                long answeredByAnother = java.util.Arrays.stream(nearest).filter(s -> s >= threshold).count();
                System.out.printf("| %s | %.2f | %d of %d | %d of %d | %d of %d (%.1f%%) |%n", form, threshold,
                        paraphrases, paraphrasePairs, wrong, labelled.size() - paraphrasePairs, answeredByAnother,
                        nearest.length,
                        100.0 * answeredByAnother / nearest.length);
            }
            System.out.printf("%nSimilarities, %s: paraphrases %s; different questions %s%n%n", form,
                    summary(labelled, true), summary(labelled, false));
            System.out.printf("SciFact claims another claim would answer at %.2f, %s:%n%n", DEFAULT_THRESHOLD, form);
            for (int i = 0; i < claims.size(); i++) {
                if (nearest[i] >= DEFAULT_THRESHOLD && (partner[partner[i]] != i || i < partner[i])) {
                    System.out.printf("- %.3f: \"%s\" / \"%s\"%n", nearest[i], claims.get(i), claims.get(partner[i]));
                }
            }
            System.out.println();
        }
    }

    /** For each claim, the similarity of the nearest other claim the polarity check lets through, and which. */
    private static double[] nearestSamePolarity(BgeSmallModel model, String instruction, List<String> claims,
                                                int[] partner) {
        List<float[]> vectors = claims.stream().map(claim -> embed(model, instruction, claim)).toList();
        double[] nearest = new double[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            nearest[i] = -1;
            for (int j = 0; j < claims.size(); j++) {
                double similarity = Vectors.dot(vectors.get(i), vectors.get(j));
                // The polarity check (stemming every word) only for a pair that would be the nearest so far.
                if (i != j && similarity > nearest[i] && !sameText(claims.get(i), claims.get(j))
                        && QuestionForms.samePolarity(claims.get(i), claims.get(j))) {
                    nearest[i] = similarity;
                    partner[i] = j;
                }
            }
        }
        return nearest;
    }

    private static boolean sameText(String a, String b) {
        return QuestionForms.normalize(a).equals(QuestionForms.normalize(b));
    }

    private static String summary(List<Compared> labelled, boolean same) {
        double[] values = labelled.stream().filter(p -> p.same() == same).mapToDouble(Compared::similarity).sorted()
                .toArray();
        return String.format("min %.3f, median %.3f, max %.3f", values[0], values[values.length / 2],
                values[values.length - 1]);
    }

    private static float[] embed(BgeSmallModel model, String instruction, String text) {
        return model.embed(instruction + text).content().vector();
    }
}
