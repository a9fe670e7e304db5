package dev.verdict.cli;

import dev.verdict.generate.EncodedPrompt;
import dev.verdict.generate.Generation;
import dev.verdict.generate.ModelBundle;
import dev.verdict.generate.SamplingParams;
import dev.verdict.image.ImageLimits;
import dev.verdict.image.Images;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.train.checkpoint.ModelPaths;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code verdict generate}: one chat reply from a local model, optionally looking at images. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generate a reply to a prompt (and images) with a local model directory.")
final class GenerateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            description = "Hugging Face model directory or a training run folder (its latest checkpoint)")
    Path model;

    @Option(names = "--prompt", required = true, description = "the user message")
    String prompt;

    @Option(names = "--image", description = "an image file shown before the prompt (repeatable)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--system", description = "a system message (default: the Qwen default)")
    String system;

    @Option(names = "--max-new-tokens", defaultValue = "128", description = "default: ${DEFAULT-VALUE}")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "0 for greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "nucleus mass (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "0 = off (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "sampling seed: the same seed gives the same text (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public void run() {
        SamplingParams params = new SamplingParams(maxNewTokens, temperature, topP, topK, seed, List.of());
        List<BufferedImage> pixels = new ArrayList<>();
        for (Path p : images) {
            pixels.add(Images.read(p, ImageLimits.DEFAULT));
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.userWithImages(pixels.size(), prompt));
        try (ModelBundle bundle = ModelBundle.load(ModelPaths.resolve(model, "--model"), null, device.device())) {
            EncodedPrompt encoded = bundle.encoder().encode(messages, pixels, true);
            long start = System.nanoTime();
            Generation g = bundle.generator()
                    .generate(List.of(encoded.request(params)))
                    .getFirst();
            double sec = (System.nanoTime() - start) / 1e9;
            spec.commandLine().getOut().println(g.text());
            spec.commandLine().getOut().flush();
            spec.commandLine()
                    .getErr()
                    .printf(
                            "[%d prompt tokens, %d generated (%s) in %.2f s]%n",
                            encoded.ids().length,
                            g.tokens().length,
                            g.finish().name().toLowerCase(Locale.ROOT),
                            sec);
        }
    }
}
