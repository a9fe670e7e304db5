package dev.verdict.train.config;

/**
 * Where a run writes and how it paces its bookkeeping.
 *
 * @param out run folder
 * @param seed run seed
 * @param saveEvery steps between checkpoints
 * @param logEvery steps between console updates
 * @param maxSkips consecutive skipped steps before the run stops
 * @param threads libtorch CPU threads
 * @param device device
 */
public record RunConfig(
        @Doc("run folder: config.yaml, provenance.json, metrics.jsonl, samples.jsonl, checkpoints/")
        String out,

        @Doc("seed of the data order, sampling and initialisation")
        long seed,

        @Doc("save a checkpoint every N optimizer steps (0 = only at the end)")
        int saveEvery,

        @Doc("print a console progress line every N steps") int logEvery,

        @Doc("stop after this many consecutive steps skipped for a non-finite loss, gradient or log-prob")
        int maxSkips,

        @Doc("libtorch CPU threads (0 = all cores)") int threads,
        @Doc("device: cpu, cuda or cuda:N") String device) {

    public RunConfig {
        Check.require(out != null && !out.isBlank(), "run.out must name a folder");
        Check.require(saveEvery >= 0, "run.save_every must be >= 0, got " + saveEvery);
        Check.require(logEvery >= 1, "run.log_every must be >= 1, got " + logEvery);
        Check.require(maxSkips >= 1, "run.max_skips must be >= 1, got " + maxSkips);
        Check.require(threads >= 0, "run.threads must be >= 0, got " + threads);
    }

    /** Whether save_every asks for a checkpoint after the (0-based) step {@code step}. */
    public boolean saveDue(long step) {
        return saveEvery > 0 && (step + 1) % saveEvery == 0;
    }

    public static RunConfig defaults(String out) {
        return new RunConfig(out, 0, 0, 10, 3, 0, "cpu");
    }
}
