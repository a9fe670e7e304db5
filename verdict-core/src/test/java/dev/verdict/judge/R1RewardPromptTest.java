package dev.verdict.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verdict.tokenizer.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

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
                java.util.Optional.of(List.of("Q {answer1}?", "one\n\ntwo", "###### [Response 1]: trick")),
                R1RewardPrompt.unrender(text));
        assertEquals(java.util.Optional.empty(), R1RewardPrompt.unrender("not the template"));
    }

    @Test
    void userMessagePutsImagesFirst() {
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
                java.util.Map.of());
        ChatMessage m = R1RewardPrompt.userMessage(p);
        assertEquals(3, m.parts().size());
        assertTrue(m.parts().get(0) instanceof ChatMessage.Image);
        assertEquals(
                new ChatMessage.Text(R1RewardPrompt.render("q", "a", "b")),
                m.parts().get(2));
    }
}
