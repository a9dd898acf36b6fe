package dev.docent.bench;

import dev.docent.cache.AnswerSubject;
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

    /**
     * {@code =} pairs ask the same thing in other words; {@code ≠} pairs ask something else about the same subject.
     * The third part is an answer to the first question, as a handbook would give it: the cache holds it for the
     * first question when the second is asked ({@link AnswerSubject}).
     */
    private static final String PAIRS = """
            = How quickly must the on-call engineer answer a page? | How fast does the on-call engineer have to answer pages? | The on-call engineer answers pages within 15 minutes and escalates to the team lead after 30 minutes.
            = How do I reset my password? | What are the steps to reset my password? | Open the self-service portal, choose Forgot password and follow the link sent to your work email.
            = How many vacation days do I get per year? | What is my annual vacation allowance? | Full-time employees receive 28 vacation days per calendar year.
            = Who approves production deployments? | Who has to sign off on a production deployment? | Production deployments need two approvals, one of them from the release manager.
            = When is lunch served in the cafeteria? | What time does the cafeteria serve lunch? | The cafeteria serves lunch from 11:30 to 14:00 on working days.
            = How do I request a new laptop? | What is the process for ordering a new laptop? | Laptops are ordered through the IT service desk with the hardware request form.
            = Where can I find the expense policy? | Where is the expense policy published? | The expense policy is published on the finance page of the intranet.
            = How do I connect to the VPN from home? | How can I use the VPN when working from home? | Install the VPN client, sign in with your badge number and confirm with the hardware token.
            = What is the deadline for submitting expense reports? | By when must expense reports be submitted? | Expense reports are due within 30 days of the expense.
            = Can I work remotely on Fridays? | Am I allowed to work from home on Fridays? | Employees may work from home up to two days a week, Fridays included, after agreeing with their manager.
            = How long is parental leave? | How many weeks of parental leave are there? | Parental leave lasts 16 weeks at full pay.
            = Who do I contact about payroll errors? | Whom should I contact if my paycheck is wrong? | Payroll questions and corrections go to payroll@example.com.
            = How do I book a meeting room? | What is the way to reserve a meeting room? | Meeting rooms are booked in the calendar by adding the room as a guest.
            = What is the per diem for business travel? | How much is the daily allowance on business trips? | The daily allowance for business travel is 28 euros within the country.
            = How often are performance reviews held? | How frequently do performance reviews happen? | Performance reviews take place twice a year, in March and in September.
            = What is the retention period for customer data? | How long do we keep customer data? | Customer data is deleted 24 months after the end of the contract.
            = How do I report a security incident? | What should I do to report a security incident? | Report security incidents at once to the security team through the incident form or at extension 4444.
            = Is there a dress code in the office? | Does the office have a dress code? | There is no formal dress code; clothing should suit the day's meetings.
            = How do I get access to the data warehouse? | How can I request access to the data warehouse? | Access to the data warehouse is granted by the data platform team after your manager approves the request.
            = What is the on-call rotation schedule? | How does the on-call rotation work? | The on-call rotation changes every Monday at 9:00 and each engineer is on call one week in six.
            = How do I submit a sick note? | Where do I hand in a doctor's note when I am sick? | Upload the sick note in the HR portal within three days of falling ill.
            = What does the onboarding checklist include? | What is on the onboarding checklist? | The onboarding checklist covers accounts, hardware, security training and a meeting with your buddy.
            = How are bonuses calculated? | What is the formula for calculating bonuses? | The bonus is a share of the base salary set by company results and individual targets.
            = Which browsers are supported by the intranet? | What browsers does the intranet support? | The intranet supports the current versions of Chrome, Edge and Firefox.
            = How do I rotate an API key? | What is the procedure for rotating API keys? | Create a new API key in the key vault, switch the services to it, then revoke the old key.
            ≠ How do I reset my password? | How do I change my username? | Open the self-service portal, choose Forgot password and follow the link sent to your work email.
            ≠ How many vacation days do I get per year? | How many sick days do I get per year? | Full-time employees receive 28 vacation days per calendar year.
            ≠ Who approves production deployments? | Who approves expense reports? | Production deployments need two approvals, one of them from the release manager.
            ≠ When is lunch served in the cafeteria? | When is breakfast served in the cafeteria? | The cafeteria serves lunch from 11:30 to 14:00 on working days.
            ≠ How do I request a new laptop? | How do I return my old laptop? | Laptops are ordered through the IT service desk with the hardware request form.
            ≠ Where can I find the expense policy? | Where can I find the travel policy? | The expense policy is published on the finance page of the intranet.
            ≠ How do I connect to the VPN from home? | How do I connect to the office Wi-Fi? | Install the VPN client, sign in with your badge number and confirm with the hardware token.
            ≠ What is the deadline for submitting expense reports? | What is the deadline for submitting timesheets? | Expense reports are due within 30 days of the expense.
            ≠ Can I work remotely on Fridays? | Can I work remotely from another country? | Employees may work from home up to two days a week, Fridays included, after agreeing with their manager.
            ≠ How long is parental leave? | How long is the probation period? | Parental leave lasts 16 weeks at full pay.
            ≠ Who do I contact about payroll errors? | Who do I contact about benefits enrollment? | Payroll questions and corrections go to payroll@example.com.
            ≠ How do I book a meeting room? | How do I book a parking space? | Meeting rooms are booked in the calendar by adding the room as a guest.
            ≠ What is the per diem for business travel in Germany? | What is the per diem for business travel in Japan? | The daily allowance for business travel in Germany is 28 euros.
            ≠ How often are performance reviews held? | How often are salaries reviewed? | Performance reviews take place twice a year, in March and in September.
            ≠ What is the retention period for customer data? | What is the retention period for employee data? | Customer data is deleted 24 months after the end of the contract.
            ≠ How do I report a security incident? | How do I report a workplace accident? | Report security incidents at once to the security team through the incident form or at extension 4444.
            ≠ How do I get access to the data warehouse? | How do I get access to the production database? | Access to the data warehouse is granted by the data platform team after your manager approves the request.
            ≠ What is the on-call rotation schedule? | What is the on-call compensation? | The on-call rotation changes every Monday at 9:00 and each engineer is on call one week in six.
            ≠ How are bonuses calculated? | When are bonuses paid? | The bonus is a share of the base salary set by company results and individual targets.
            ≠ How do I rotate an API key? | How long is an API key valid? | Create a new API key in the key vault, switch the services to it, then revoke the old key.
            ≠ What is the minimum password length? | What is the password expiry period? | Passwords must have at least 14 characters.
            ≠ Which laptop models can I order? | Which phone models can I order? | You can order the standard 14-inch laptop or, with your manager's approval, the 16-inch model.
            ≠ How do I set up two-factor authentication? | How do I set up email forwarding? | Set up two-factor authentication by scanning the QR code in the account settings with the authenticator app.
            ≠ Who is the data protection officer? | Who is the information security officer? | The data protection officer is Maria Lopez, reachable at privacy@example.com.
            ≠ What are the office opening hours in London? | What are the office opening hours in Paris? | The London office is open from 7:00 to 20:00 on working days.
            ≠ How do I set up the VPN client on a Windows laptop when I work from home? | How do I set up the VPN client on a Linux laptop when I work from home? | On Windows, install the VPN client from the software center and sign in with your badge number.
            ≠ Which steps set up the VPN client on Windows? | Which steps set up the VPN client on Linux? | On Windows, install the VPN client from the software center and sign in with your badge number.
            ≠ Who approves production deployments for the Payments team? | Who approves production deployments for the Billing team? | Production deployments for the Payments team are approved by its tech lead and the release manager.
            ≠ How do I enable the VPN? | How do I disable the VPN? | To enable the VPN, open the client and press Connect.
            ≠ Does cold exposure increase BAT recruitment? | Does cold exposure reduce BAT recruitment? | Cold exposure increases the recruitment of brown adipose tissue.
            ≠ Who approves purchase orders above ten thousand euros in the marketing department? | Who approves purchase orders above ten thousand euros in the sales department? | In the marketing department, purchase orders above ten thousand euros are approved by the marketing director.
            ≠ How do I install the printer driver on my office laptop? | How do I install the scanner driver on my office laptop? | Printer drivers are installed from the software center on your office laptop.
            ≠ What is the reimbursement limit for taxi rides during business trips abroad? | What is the reimbursement limit for hotel nights during business trips abroad? | Taxi rides during business trips abroad are reimbursed up to 60 euros a day.
            ≠ How many days in advance must I request a parking permit for the main campus? | How many days in advance must I request a visitor badge for the main campus? | Parking permits for the main campus must be requested five working days in advance.
            ≠ Which form do I use to claim overtime pay for weekend work? | Which form do I use to claim travel pay for weekend work? | Overtime pay for weekend work is claimed with form HR-12 in the HR portal.
            ≠ What is the notice period for employees in their first year? | What is the notice period for contractors in their first year? | Employees in their first year have a notice period of one month.
            ≠ What is the maximum daily dose of ibuprofen for adults? | What is the maximum daily dose of paracetamol for adults? | The maximum daily dose of ibuprofen for adults is 1,200 mg without a prescription.
            """;

    /** docent.cache.min-similarity's default. */
    private static final double DEFAULT_THRESHOLD = 0.93;

    private static final double[] THRESHOLDS = {0.85, 0.87, 0.89, 0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96};

    private record Pair(boolean same, String first, String second, String answer) {
    }

    /**
     * A labelled pair as the cache sees it: a pair the polarity check keeps apart never hits, however close, and
     * neither does one whose second question drops a word the first one's answer repeats.
     */
    private record Compared(Pair pair, boolean samePolarity, boolean sameSubject, double similarity) {

        boolean hitsAt(double threshold) {
            return samePolarity && sameSubject && similarity >= threshold;
        }

        boolean hitsWithoutSubjectAt(double threshold) {
            return samePolarity && similarity >= threshold;
        }

        boolean same() {
            return pair.same();
        }
    }

    private CacheThresholdBench() {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dataset = Path.of(System.getProperty("docent.bench.dataset", "../shared/datasets/scifact"));
        List<String> claims = new ArrayList<>(BeirDataset.read(dataset, limit).queries().values());
        List<Pair> pairs = PAIRS.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> {
            String[] parts = line.substring(2).split("\\|");
            return new Pair(line.startsWith("="), parts[0].strip(), parts[1].strip(), parts[2].strip());
        }).toList();
        BgeSmallModel model = new BgeSmallModel(Runnable::run, 1);
        System.out.printf("## The cache's similarity threshold, %s%n%nMachine: %s. %d labelled pairs (%d paraphrases), "
                        + "%d SciFact claims.%n%n", java.time.LocalDate.now(), Machine.describe(), pairs.size(),
                pairs.stream().filter(Pair::same).count(), claims.size());
        System.out.println("| question embedded | threshold | paraphrases that hit (without the subject check) "
                + "| different questions that hit (without the subject check) | SciFact claims answered by another |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (String instruction : List.of(INSTRUCTION, "")) {
            String form = instruction.isEmpty() ? "plain" : "with BGE's instruction";
            List<Compared> labelled = pairs.stream().map(pair -> new Compared(pair,
                    QuestionForms.samePolarity(pair.first(), pair.second()),
                    AnswerSubject.kept(pair.first(), pair.answer(), pair.second()),
                    Vectors.dot(embed(model, instruction, pair.first()), embed(model, instruction, pair.second()))))
                    .toList();
            long paraphrasePairs = labelled.stream().filter(Compared::same).count();
            int[] partner = new int[claims.size()];
            double[] nearest = nearestSamePolarity(model, instruction, claims, partner);
            for (double threshold : THRESHOLDS) {
                long paraphrases = labelled.stream().filter(p -> p.same() && p.hitsAt(threshold)).count();
                long paraphrasesAnyway = labelled.stream().filter(p -> p.same() && p.hitsWithoutSubjectAt(threshold))
                        .count();
                long wrong = labelled.stream().filter(p -> !p.same() && p.hitsAt(threshold)).count();
                long wrongAnyway = labelled.stream().filter(p -> !p.same() && p.hitsWithoutSubjectAt(threshold))
                        .count();
                long answeredByAnother = java.util.Arrays.stream(nearest).filter(s -> s >= threshold).count();
                System.out.printf("| %s | %.2f | %d (%d) of %d | %d (%d) of %d | %d of %d (%.1f%%) |%n", form,
                        threshold, paraphrases, paraphrasesAnyway, paraphrasePairs, wrong, wrongAnyway,
                        labelled.size() - paraphrasePairs, answeredByAnother,
                        nearest.length,
                        100.0 * answeredByAnother / nearest.length);
            }
            System.out.printf("%nSimilarities, %s: paraphrases %s; different questions %s%n%n", form,
                    summary(labelled, true), summary(labelled, false));
            System.out.printf("Pairs the subject check turns into misses at %.2f, %s:%n%n", DEFAULT_THRESHOLD, form);
            labelled.stream().filter(p -> p.hitsWithoutSubjectAt(DEFAULT_THRESHOLD) && !p.sameSubject())
                    .forEach(p -> System.out.printf("- %s %.3f: \"%s\" / \"%s\"%n", p.same() ? "paraphrase" : "different",
                            p.similarity(), p.pair().first(), p.pair().second()));
            System.out.println();
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
