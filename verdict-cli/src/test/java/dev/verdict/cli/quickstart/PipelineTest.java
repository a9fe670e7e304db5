package dev.verdict.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.data.synth.Judgments;
import dev.verdict.train.config.Configs;
import dev.verdict.train.sft.BlindFocus;
import dev.verdict.train.sft.SftConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
    @Test
    void theLookUpWordingTrainsItsQuotesBlindAndProseDoesNot() {
        Pipeline lookup = new Pipeline(1, "lookup", Judgments.LOOKUP);
        SftConfig cfg =
                Configs.resolve(SftConfig.defaults(), null, QuickstartCommand.sftSets(QuickstartPlan.DEFAULT, lookup));
        assertEquals(Judgments.LOOKUP_FOCUS, cfg.train().blindFocus());
        String judgment = "<think>In the image, the circle is red. Response 1: blue 1. Response 2: red 2. So red 2."
                + "</think><answer>2</answer>";
        List<String> focused = BlindFocus.spans(BlindFocus.compile(cfg.train().blindFocus()), judgment).stream()
                .map(r -> judgment.substring(r[0], r[1]))
                .toList();
        assertEquals(List.of("blue", "red", "2"), focused, "the quotes and the looked-up number");
        assertTrue(QuickstartCommand.sftSets(QuickstartPlan.DEFAULT, new Pipeline(1))
                .isEmpty());
        assertEquals(
                List.of("train.steps=2", "train.batch_size=4", "train.epochs=1"),
                QuickstartCommand.sftSets(QuickstartPlan.SMOKE, new Pipeline(1)));
    }
}
