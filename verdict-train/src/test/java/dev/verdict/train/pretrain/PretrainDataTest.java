package dev.verdict.train.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tokenizer.ChatMessage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainDataTest {
    private static final List<String> NAMES = List.of("empty", "red circle", "blue square");

    @TempDir
    Path dir;

    @Test
    void gridAnswerReadsTheCellsRowByRow() {
        int[] cells = {0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        String answer = PretrainData.gridAnswer(cells, NAMES);
        assertTrue(answer.startsWith("row 1, column 1: -; row 1, column 2: red circle; row 1, column 3: -;"), answer);
        assertTrue(answer.contains("; row 2, column 1: blue square; row 2, column 2: -;"), answer);
        assertTrue(answer.endsWith("; row 4, column 3: -; row 4, column 4: red circle."), answer);
        assertEquals(16, answer.split(";").length);
        assertEquals(
                "row 1, column 1: -; row 1, column 2: -; row 2, column 1: -; row 2, column 2: blue square.",
                PretrainData.gridAnswer(new int[] {0, 0, 0, 2}, NAMES));
        assertThrows(IllegalArgumentException.class, () -> PretrainData.gridAnswer(new int[] {0, 1, 2}, NAMES));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PretrainData.gridAnswer(new int[] {0, 0, 0, 7}, NAMES));
        assertTrue(e.getMessage().contains("cell class 7"), e.getMessage());
    }

    @Test
    void shuffledTurnsKeepEveryQuestionWithItsAnswerInAnOrderPerImage() throws IOException {
        Path file = dir.resolve("pretrain.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lines.append("{\"id\":\"p")
                    .append(i)
                    .append("\",\"image\":\"x.png\",\"caption\":\"cap ")
                    .append(i)
                    .append(
                            "\",\"qa\":[{\"question\":\"q1\",\"answer\":\"a1\"},{\"question\":\"q2\",\"answer\":\"a2\"},")
                    .append("{\"question\":\"q3\",\"answer\":\"a3\"}],\"cells\":[0,1,0,2]}\n");
        }
        Files.writeString(file, lines);
        PretrainData fixed = PretrainData.read(file).gridTurnAdded(NAMES);
        PretrainData shuffled = fixed.turnsShuffled(5);
        Set<String> firstQuestions = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            List<String> a = pairs(fixed, i);
            List<String> b = pairs(shuffled, i);
            assertEquals(new HashSet<>(a), new HashSet<>(b), "the same question-answer pairs");
            assertEquals(5, b.size());
            assertEquals(b, pairs(fixed.turnsShuffled(5), i), "the same seed gives the same order");
            firstQuestions.add(b.getFirst());
        }
        assertTrue(firstQuestions.size() >= 4, "the first turn varies across images: " + firstQuestions);
        assertTrue(pairs(fixed, 0)
                .contains(PretrainData.GRID_QUESTION
                        + " -> row 1, column 1: -; row 1, column 2: red circle; row 2, column 1: -;"
                        + " row 2, column 2: blue square."));
    }

    @Test
    void singleTurnItemsAskEachQuestionAloneWithTheImage() throws IOException {
        Path file = dir.resolve("single.jsonl");
        Files.writeString(
                file,
                "{\"id\":\"p0\",\"image\":\"x.png\",\"caption\":\"cap\",\"qa\":[{\"question\":\"q1\","
                        + "\"answer\":\"a1\"},{\"question\":\"q2\",\"answer\":\"a2\"}],\"cells\":[0,1,0,2]}\n");
        PretrainData single = PretrainData.read(file).singleTurnItems();
        assertEquals(3, single.size(), "the caption and two questions");
        assertEquals(List.of("p0#0", "p0#1", "p0#2"), List.of(single.id(0), single.id(1), single.id(2)));
        var turns = single.conversation(2);
        assertEquals(2, turns.size(), "one question, one answer");
        assertEquals(1, turns.getFirst().imageCount(), "the question comes with the image");
        assertEquals("q2", text(turns.getFirst()));
        assertEquals("a2", text(turns.getLast()));
        var after = single.imagesAfterText().conversation(2).getFirst().parts();
        assertTrue(after.getFirst() instanceof ChatMessage.Text, "the question first");
        assertTrue(after.getLast() instanceof ChatMessage.Image, "then the image");
        assertTrue(
                turns.getFirst().parts().getFirst() instanceof ChatMessage.Image, "by default the image comes first");
    }

    @Test
    void heldOutQuestionsTakeTheContextButKeepTheirBareKind() throws IOException {
        Path file = dir.resolve("held.jsonl");
        ImageIO.write(
                new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB),
                "png",
                dir.resolve("x.png").toFile());
        Files.writeString(
                file,
                "{\"id\":\"p0\",\"image\":\"x.png\",\"caption\":\"cap\",\"qa\":[{\"question\":\"What colour is"
                        + " the circle?\",\"answer\":\"red\"}],\"cells\":[0,1,0,2]}\n");
        PretrainData data = PretrainData.read(file).withoutCaptions();
        Set<String> slots = Set.of("red", "circle");
        var plain = HeldOutAnswers.of(data, slots, "", 8, 256).questions();
        var far = HeldOutAnswers.of(data, slots, "FILLER\n\n", 8, 256).questions();
        assertEquals(1, far.size());
        assertEquals("What colour is the *?", far.getFirst().kind(), "the kind is the bare question's");
        assertEquals(plain.getFirst().kind(), far.getFirst().kind());
        String asked = text(far.getFirst().example().prompt().getFirst());
        assertEquals("FILLER\n\nWhat colour is the circle?", asked, "the context comes between image and question");
        assertEquals(
                "What colour is the circle?",
                text(plain.getFirst().example().prompt().getFirst()));
        assertEquals(
                plain.getFirst().example().reply(), far.getFirst().example().reply());
    }

    @Test
    void withoutCaptionsKeepsOnlyTheShortQuestionsAndLeavesOutImagesWithNone() throws IOException {
        Path file = dir.resolve("nocap.jsonl");
        Files.writeString(
                file,
                "{\"id\":\"p0\",\"image\":\"x.png\",\"caption\":\"cap\",\"qa\":[{\"question\":\"q1\","
                        + "\"answer\":\"a1\"},{\"question\":\"q2\",\"answer\":\"a2\"}],\"cells\":[0,1,0,2]}\n"
                        + "{\"id\":\"p1\",\"image\":\"x.png\",\"caption\":\"cap\",\"qa\":[],\"cells\":[0,1,0,2]}\n");
        PretrainData data = PretrainData.read(file);
        assertEquals(2, data.size());
        PretrainData bare = data.withoutCaptions();
        assertEquals(1, bare.size(), "the image with no question is left out");
        assertEquals(List.of("q1 -> a1", "q2 -> a2"), pairs(bare, 0));
        assertEquals(
                List.of("p0#0", "p0#1"),
                List.of(bare.singleTurnItems().id(0), bare.singleTurnItems().id(1)));
    }

    private static String text(ChatMessage m) {
        StringBuilder b = new StringBuilder();
        m.parts().forEach(p -> {
            if (p instanceof ChatMessage.Text t) {
                b.append(t.text());
            }
        });
        return b.toString();
    }

    /** "question -> answer" for each turn of item {@code i}, in conversation order. */
    private static List<String> pairs(PretrainData data, int i) {
        var turns = data.conversation(i);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < turns.size(); k += 2) {
            out.add(text(turns.get(k)) + " -> " + text(turns.get(k + 1)));
        }
        return out;
    }
}
