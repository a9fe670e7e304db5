package dev.verdict.judge.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.ImagePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class R1RewardPromptTest {

    @Test
    void templateIsByteExact() throws Exception {
        byte[] bytes = R1RewardPrompt.template().getBytes(StandardCharsets.UTF_8);
        assertEquals(717, bytes.length);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals("5593ecd7d4d7ec962076e313f8b061a91e39e1b68f6517afb4278a3bbdc89245", sha);
    }

    @Test
    void templateMatchesTheSharedSpecFileWhenPresent() throws Exception {
        Path spec = Path.of(System.getProperty("user.dir"))
                .getParent()
                .getParent()
                .resolve("shared/spec/r1-reward-prompt.txt");
        assumeTrue(Files.isRegularFile(spec), "shared spec not present");
        assertEquals(Files.readString(spec), R1RewardPrompt.template());
    }

    @Test
    void renderFillsThePlaceholdersLiterally() {
        String out = R1RewardPrompt.render("What is $1?", "A {question} \\1", "B {answer1}");
        String expected = R1RewardPrompt.template()
                .replace("{question}", "\u0000Q")
                .replace("{answer1}", "\u0000A")
                .replace("{answer2}", "\u0000B")
                .replace("\u0000Q", "What is $1?")
                .replace("\u0000A", "A {question} \\1")
                .replace("\u0000B", "B {answer1}");
        assertEquals(expected, out);
        assertTrue(out.contains("###### [Question]:\nWhat is $1?  \n\n###### [Response 1]:\nA {question} \\1  \n"));
    }

    @Test
    void unrenderInvertsRender() {
        String text = R1RewardPrompt.render("Q {answer1}?", "one\n\ntwo", "###### [Response 1]: trick");
        assertEquals(
                Optional.of(List.of("Q {answer1}?", "one\n\ntwo", "###### [Response 1]: trick")),
                R1RewardPrompt.unrender(text));
        assertEquals(Optional.empty(), R1RewardPrompt.unrender("not the template"));
    }

    @Test
    void userMessagePutsImagesFirstOrAfterTheText() {
        PairExample p = new PairExample(
                "x",
                "x",
                List.of(ImageRef.bytes(new byte[] {1}), ImageRef.bytes(new byte[] {2})),
                "q",
                "a",
                "b",
                Preference.ONE,
                "",
                "",
                Map.of());
        ChatMessage m = R1RewardPrompt.userMessage(p, ImagePosition.BEFORE_TEXT);
        assertEquals(3, m.parts().size());
        assertTrue(m.parts().get(0) instanceof ChatMessage.Image);
        assertTrue(m.parts().get(1) instanceof ChatMessage.Image);
        assertEquals(
                new ChatMessage.Text(R1RewardPrompt.render("q", "a", "b")),
                m.parts().get(2));
        ChatMessage after = R1RewardPrompt.userMessage(p, ImagePosition.AFTER_TEXT);
        assertEquals(List.of(m.parts().get(2), m.parts().get(0), m.parts().get(1)), after.parts());
        assertEquals(m, PromptLayout.DEFAULT.userMessage(p), "the default layout is the inference scripts' one");
    }

    @Test
    void aModelDirectoryRecordsItsLayoutAndDefaultsToTheImageFirst(@TempDir Path dir) throws IOException {
        assertEquals(PromptLayout.DEFAULT, PromptLayout.read(dir), "no file: the released checkpoints' layout");
        PromptLayout after = new PromptLayout(ImagePosition.AFTER_TEXT, PromptTemplate.R1_INPUT);
        after.write(dir);
        assertEquals(after, PromptLayout.read(dir));
        Files.writeString(dir.resolve(PromptLayout.FILE), "{\"image_position\": \"middle\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptLayout.read(dir));
        assertTrue(e.getMessage().contains(PromptLayout.FILE) && e.getMessage().contains("middle"), e.getMessage());
        Files.writeString(dir.resolve(PromptLayout.FILE), "{\"template\": 3}");
        e = assertThrows(IllegalArgumentException.class, () -> PromptLayout.read(dir));
        assertTrue(e.getMessage().contains("template"), e.getMessage());
        Files.writeString(dir.resolve(PromptLayout.FILE), "{}");
        assertEquals(PromptLayout.DEFAULT, PromptLayout.read(dir), "a field left out keeps its default");
    }

    @Test
    void theInputSectionIsTheTemplatesQuestionAndResponsesUnderTheirHeadings() {
        String section = R1RewardPrompt.inputSection();
        assertTrue(R1RewardPrompt.template().contains(section));
        assertTrue(section.startsWith("###### [Question]:") && section.contains("{answer2}"), section);
        assertTrue(!section.contains("evaluator") && !section.contains("Output Format"), section);
        assertEquals(
                "###### [Question]:\nq {answer1}  \n\n###### [Response 1]:\na  \n\n###### [Response 2]:\nb  \n\n",
                PromptTemplate.R1_INPUT.render("q {answer1}", "a", "b"),
                "the template's own bytes; inserted text is not rescanned");
        assertEquals(R1RewardPrompt.render("q", "a", "b"), PromptTemplate.R1_REWARD.render("q", "a", "b"));
    }
}
