package dev.verdict.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * The common path of every judge that writes text: choose the presentation order, ask the backend for K
 * judgment texts, parse each strictly (with the configured fallbacks), map the choices back to the pair's own
 * order and vote. Subclasses implement only {@link #sample}: the remote client, the baselines and the local
 * model (the seam the runtime's generation plugs into).
 */
public abstract class SamplingJudge implements PairJudge {

    /**
     * Writes {@code options.votes()} judgments of {@code presented} (already in the order the judge must see;
     * its "Response 1" is {@code presented.response1()}).
     *
     * @return exactly {@code options.votes()} raw outputs
     * @throws JudgeException when the backend fails
     */
    protected abstract List<String> sample(PairExample presented, JudgeOptions options);

    @Override
    public final Verdict judge(PairExample pair, JudgeOptions options) {
        boolean swap = options.swaps(pair);
        PairExample presented = swap ? pair.swapped() : pair;
        List<String> raws = sample(presented, options);
        if (raws.size() != options.votes()) {
            throw new JudgeException(name() + " returned " + raws.size() + " samples, expected " + options.votes());
        }
        List<Verdict.Sample> samples = new ArrayList<>(raws.size());
        List<String> reasonings = new ArrayList<>(raws.size());
        for (String raw : raws) {
            ParsedOutput p = VerdictParser.parse(raw, options.parser());
            Choice c = swap ? p.choice().swapped() : p.choice();
            samples.add(new Verdict.Sample(raw, c, p.formatValid(), p.extraction()));
            reasonings.add(p.reasoning());
        }
        return Voting.verdict(samples, reasonings, options.tieRule(), swap);
    }
}
