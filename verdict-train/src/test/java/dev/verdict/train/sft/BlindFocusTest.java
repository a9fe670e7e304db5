package dev.verdict.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.data.synth.Judgments;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.prompt.PromptLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class BlindFocusTest {
    private static final String LOOKUP = "Response [12]: (\\S+) [12]\\.";

    @Test
    void theFocusIsEachMatchsFirstGroup() {
        String judgment = "<think>In the image, the square is red. Response 1: blue 1. Response 2: red 2. So red 2."
                + "</think><answer>2</answer>";
        List<int[]> spans = BlindFocus.spans(BlindFocus.compile(LOOKUP), judgment);
        assertEquals(2, spans.size());
        assertEquals("blue", judgment.substring(spans.get(0)[0], spans.get(0)[1]));
        assertEquals("red", judgment.substring(spans.get(1)[0], spans.get(1)[1]));
    }

    @Test
    void everyGroupThatTookPartInAMatchIsFocused() {
        String judgment = "<think>Response 1: blue 1. Response 2: red 2. So red 2.</think><answer>2</answer>";
        Pattern all = BlindFocus.compile("Response [12]: (\\S+) [12]\\.|So \\S+ ([12])\\.|<answer>([12])</answer>");
        List<String> focused = BlindFocus.spans(all, judgment).stream()
                .map(r -> judgment.substring(r[0], r[1]))
                .toList();
        assertEquals(List.of("blue", "red", "2", "2"), focused);
        Pattern nested = BlindFocus.compile("So ((\\S+) ([12]))\\.");
        List<int[]> outer = BlindFocus.spans(nested, judgment);
        assertEquals(1, outer.size(), "a group inside another counts as the outer one");
        assertEquals("red 2", judgment.substring(outer.getFirst()[0], outer.getFirst()[1]));
    }

    @Test
    void theBlindExampleWithholdsTheImagesTheImageOneKeepsThemAndAJudgmentWithoutAMatchHasNone() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB), "png", png);
        String quoted = "<think>Response 1: yes 1. Response 2: no 2. So yes 1.</think><answer>1</answer>";
        PairExample pair = PairExample.of(ImageRef.bytes(png.toByteArray()), "Is there a square?", "Yes.", "No.")
                .plusSource(SftTrainer.JUDGMENT, quoted);
        Pattern focus = BlindFocus.compile(LOOKUP);
        SftExample blind = BlindFocus.example(pair, PromptLayout.DEFAULT, focus, false);
        assertTrue(blind.images().isEmpty());
        assertEquals(quoted, blind.reply());
        assertEquals(2, blind.focus().size());
        SftExample seen = BlindFocus.example(pair, PromptLayout.DEFAULT, focus, true);
        assertEquals(1, seen.images().size(), "train.image_focus keeps the image");
        assertEquals(2, seen.focus().size());
        PairExample prose = pair.plusSource(
                SftTrainer.JUDGMENT, "<think>Response 1 says yes, which is correct.</think><answer>1</answer>");
        assertNull(BlindFocus.example(prose, PromptLayout.DEFAULT, focus, false));
    }

    @Test
    void theLookupImageFocusMarksTheWordsThatDecideEachKindOfJudgment() {
        Pattern focus = BlindFocus.compile(Judgments.LOOKUP_IMAGE_FOCUS);
        assertEquals(
                List.of("red", "red", "2", "2"),
                texts(
                        focus,
                        "<think>In the image, the circle is red. Response 1: green 1. Response 2: red 2. So red"
                                + " 2.</think><answer>2</answer>"));
        assertEquals(
                List.of("no", "no", "1", "1"),
                texts(
                        focus,
                        "<think>In the image, there is no square in the image. Response 1: no 1. Response 2: yes"
                                + " 2. So no 1.</think><answer>1</answer>"));
        assertEquals(
                List.of("blue", "red", "no", "no", "2", "2"),
                texts(
                        focus,
                        "<think>In the image, square blue yes, circle red no. Response 1: yes 1. Response 2: no"
                                + " 2. So no 2.</think><answer>2</answer>"));
    }

    private static List<String> texts(Pattern focus, String judgment) {
        return BlindFocus.spans(focus, judgment).stream()
                .map(r -> judgment.substring(r[0], r[1]))
                .toList();
    }

    @Test
    void aBadExpressionIsAnErrorNamingTheKey() {
        IllegalArgumentException noGroup =
                assertThrows(IllegalArgumentException.class, () -> BlindFocus.compile("Response [12]: \\S+"));
        assertTrue(noGroup.getMessage().contains("train.blind_focus / image_focus"), noGroup.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> BlindFocus.compile("(x"));
        assertTrue(broken.getMessage().contains("train.blind_focus"), broken.getMessage());
    }
}
