package dev.verdict.cli;

import dev.verdict.generate.ModelBundle;
import dev.verdict.serve.Limits;
import dev.verdict.serve.ModelEngine;
import dev.verdict.serve.RewardServer;
import dev.verdict.serve.ServeConfig;
import dev.verdict.train.checkpoint.ModelPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verdict serve}: the HTTP reward server over a local model, until SIGTERM / Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve a model over HTTP: /v1/judge, /get_reward (OpenRLHF), /v1/chat/completions (OpenAI), "
                + "/v1/rank, /health, /ready, /metrics. See docs/serve.md.")
final class ServeCommand implements Runnable {
    /** Released to stop a running command in-process (tests); SIGTERM does the same through a shutdown hook. */
    static volatile CountDownLatch stop;

    /** Helidon logs through java.util.logging; held here so the level setting is not garbage-collected. */
    private static final Logger HELIDON = Logger.getLogger("io.helidon");

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            description = "Hugging Face model directory or a training run folder (its latest checkpoint)")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--max-batch",
            defaultValue = "8",
            description = "most generations per batched model call (default: ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(
            names = "--max-queue",
            defaultValue = "64",
            description = "most model-bound requests admitted at once; more answer 429 (default: ${DEFAULT-VALUE})")
    int maxQueue;

    @Option(
            names = "--batch-wait-ms",
            defaultValue = "5",
            description = "how long a batch waits for more requests (default: ${DEFAULT-VALUE})")
    int batchWaitMs;

    @Option(names = "--model-name", description = "name reported to clients (default: the directory name)")
    String modelName;

    @Option(names = "--image-root", description = "allow image file paths, resolved inside this directory")
    Path imageRoot;

    @Option(
            names = "--max-tokens",
            defaultValue = "1024",
            description = "new tokens when a request names none (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(
            names = "--max-votes",
            defaultValue = "32",
            description = "most votes per judgment (default: ${DEFAULT-VALUE})")
    int maxVotes;

    @Option(
            names = "--max-body-mb",
            defaultValue = "32",
            description = "largest request body in MiB (default: ${DEFAULT-VALUE})")
    int maxBodyMb;

    @Mixin
    DeviceOption device = new DeviceOption();

    /** Keeps Helidon's start-up chatter (features, channels) off the console; warnings still show. */
    static void quietHelidon() {
        if (System.getenv("VERDICT_LOG_LEVEL") == null) {
            HELIDON.setLevel(Level.WARNING);
        }
    }

    @Override
    public void run() {
        quietHelidon();
        String name = modelName != null
                ? modelName
                : model.toAbsolutePath().normalize().getFileName().toString();
        ServeConfig config = ServeConfig.defaults(name)
                .with("host", host)
                .with("port", port)
                .with("maxBatch", maxBatch)
                .with("maxQueue", maxQueue)
                .with("batchWait", Duration.ofMillis(batchWaitMs))
                .with("imageRoot", imageRoot)
                .with("limits", Limits.DEFAULT.with("maxVotes", maxVotes).with("maxBodyBytes", (long) maxBodyMb << 20))
                .with("defaultMaxTokens", maxTokens);
        ModelBundle bundle = ModelBundle.load(ModelPaths.resolve(model, "--model"), null, device.device());
        CountDownLatch latch = new CountDownLatch(1);
        stop = latch;
        RewardServer server;
        try {
            server = RewardServer.start(new ModelEngine(bundle, name, true), config);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
        Thread hook = new Thread(() -> {
            server.close();
            latch.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "serving %s on %s (max batch %d, max queue %d); Ctrl-C to stop%n",
                name, server.baseUri(), maxBatch, maxQueue);
        out.flush();
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
        out.println("stopped");
        out.flush();
    }
}
