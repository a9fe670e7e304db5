package dev.verdict.train.run;

import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.lifecycle.StoppedException;
import dev.verdict.model.QwenVL;
import dev.verdict.train.checkpoint.Checkpoints;
import dev.verdict.train.checkpoint.TrainerState;
import dev.verdict.train.config.Configs;
import dev.verdict.train.config.RunConfig;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.optim.TrainOptimizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping every trainer shares: the run folder (rank 0 writes it), the resume check (the checkpoint's
 * config hash must match unless forced), metrics and sample logs, the non-finite guard, checkpoints.
 */
public final class TrainSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainSession.class);
    /** The provenance key that records how many processes wrote a checkpoint. */
    public static final String WORLD_SIZE = "world_size";

    private final RunFolder folder;
    private final Collective dist;
    private final String configHash;
    private final Map<String, String> provenance;
    private final Optional<Path> resumeFrom;
    private final TrainerState resumed;
    private final StepGuard guard;
    private final JsonlWriter metrics;
    private final JsonlWriter samples;
    private final long seed;

    /** Whether to continue the run in the folder and whether to accept a changed config. */
    public record Resume(boolean resume, boolean force) {
        public static final Resume NO = new Resume(false, false);
    }

    private TrainSession(Record config, Set<String> unhashed, RunConfig run, List<Path> data, Resume r, Collective d) {
        this.dist = d;
        this.seed = run.seed();
        this.folder = d.isMain() ? RunFolder.open(Path.of(run.out()), r.resume()) : new RunFolder(Path.of(run.out()));
        this.configHash = Configs.hash(config, unhashed);
        Map<String, String> prov = new LinkedHashMap<>(RunProvenance.collect(data));
        prov.put(WORLD_SIZE, Integer.toString(d.worldSize()));
        this.provenance = Map.copyOf(prov);
        this.resumeFrom = r.resume() ? Checkpoints.latest(folder.dir()) : Optional.empty();
        if (r.resume() && resumeFrom.isEmpty()) {
            throw new IllegalStateException("--resume: " + folder.dir() + " has no checkpoint to resume from");
        }
        this.resumed = resumeFrom.map(Checkpoints::state).orElse(null);
        if (resumed != null && !resumed.configHash().equals(configHash) && !r.force()) {
            throw new IllegalStateException("--resume: the config differs from the one " + resumeFrom.get()
                    + " was trained with (compare " + folder.dir().resolve("config.yaml")
                    + "); pass --force to resume anyway");
        }
        if (resumed != null && !r.force()) {
            String saved = resumed.provenance().getOrDefault(WORLD_SIZE, "1");
            if (!saved.equals(Integer.toString(d.worldSize()))) {
                throw new IllegalStateException("--resume: " + resumeFrom.get() + " was written by a run of " + saved
                        + " process(es), this one has " + d.worldSize() + "; the data order per rank and the"
                        + " global batch would differ. Resume with the same --nproc, or pass --force");
            }
        }
        this.guard = new StepGuard(folder.dir(), run.maxSkips());
        if (d.isMain()) {
            if (resumed != null) {
                folder.truncateLog(folder.metricsFile(), resumed.step());
                folder.truncateLog(folder.samplesFile(), resumed.step());
            }
            this.metrics = new JsonlWriter(folder.metricsFile());
            this.samples = new JsonlWriter(folder.samplesFile());
        } else {
            this.metrics = null;
            this.samples = null;
        }
        if (run.threads() > 0) {
            torch.set_num_threads(run.threads());
        }
    }

    /** Opens the session and, on rank 0, writes the resolved config and provenance. */
    public static TrainSession start(
            String kind, Record config, Set<String> unhashed, RunConfig run, List<Path> data, Resume r, Collective d) {
        TrainSession s = new TrainSession(config, unhashed, run, data, r, d);
        if (d.isMain()) {
            s.folder.writeConfig(config, "verdict " + kind + " — resolved config (config hash " + s.configHash + ")");
            s.folder.writeProvenance(s.provenance);
            s.resumeFrom.ifPresent(p -> LOG.info("resuming from {} (step {})", p, s.resumed.step()));
        }
        return s;
    }

    /** The model directory to load: the checkpoint being resumed, or {@code base}. */
    public Path modelDir(Path base) {
        return resumeFrom.orElse(base);
    }

    /** The auxiliary trainer tensors of the checkpoint being resumed (empty when starting fresh). */
    public Map<String, Tensor> resumedAux() {
        return resumeFrom.map(Checkpoints::aux).orElse(Map.of());
    }

    /** The first step to run (0, or the resumed checkpoint's step). */
    public long startStep() {
        return resumed == null ? 0 : resumed.step();
    }

    /** Restores the optimizer moments and fp32 master weights of the checkpoint being resumed, if any. */
    public void restoreOptimizer(TrainOptimizer optimizer) {
        resumeFrom.ifPresent(p -> Checkpoints.loadOptimizer(p, optimizer.adam()));
        optimizer.restoreMasters(resumedAux());
    }

    /** Writes a metrics line (rank 0 only). */
    public void log(Map<String, ?> line) {
        if (metrics != null) {
            metrics.write(line);
        }
    }

    /** Writes a sample line (rank 0 only). */
    public void sample(Map<String, ?> line) {
        if (samples != null) {
            samples.write(line);
        }
    }

    /**
     * Saves a checkpoint after {@code step} steps (rank 0 only; every rank waits for it), with auxiliary trainer
     * tensors, the judge prompt layout and the image processor config to record (null: the files {@code assetsFrom}
     * carries, if any).
     */
    public Optional<Path> save(
            long step,
            int epoch,
            long cursor,
            QwenVL model,
            TrainOptimizer opt,
            Path assetsFrom,
            Map<String, Tensor> aux,
            PromptLayout layout,
            ImageProcessorConfig images) {
        Optional<Path> out = Optional.empty();
        if (dist.isMain()) {
            TrainerState state = new TrainerState(step, cursor, epoch, seed, configHash, provenance);
            out = Optional.of(
                    Checkpoints.save(folder.dir(), model, opt.adam(), state, assetsFrom, aux, layout, images));
        }
        dist.barrier("checkpoint at step " + step);
        return out;
    }

    /**
     * Whether this run should stop after {@code step} because a stop was requested (Ctrl-C, SIGTERM) on any rank.
     * Every rank calls it after every step, so that all of them stop after the same one.
     */
    public boolean stopRequested(long step) {
        boolean mine = StopRequest.requested();
        if (dist.worldSize() == 1) {
            return mine;
        }
        return dist.allReduceSum(new double[] {mine ? 1 : 0}, "step " + step + ": stop check")[0] > 0;
    }

    /**
     * The exception that ends a run stopped after {@code steps} of {@code total} steps.
     *
     * @param checkpoint the checkpoint written at that step (null on ranks other than 0, or when none was)
     */
    public StoppedException stopped(String command, long steps, long total, Path checkpoint) {
        String kept = checkpoint == null
                ? "no checkpoint was written"
                : "checkpoint " + checkpoint + "; continue with the same command and --resume";
        return new StoppedException(command + " stopped after step " + steps + " of " + total + ": " + kept);
    }

    public StepGuard guard() {
        return guard;
    }

    public Collective dist() {
        return dist;
    }

    public RunFolder folder() {
        return folder;
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
            samples.close();
        }
    }
}
