package io.framefleet.generation;

import io.framefleet.inference.InvalidModelException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerTest {

    static final List<String> WORDS = List.of("<pad>", "a", "red", "circle", "moving", "left", "on", "black", "gray");
    final Tokenizer tokenizer = Tokenizer.of(WORDS, 6);

    @Test
    void shouldLowerCaseSplitOnNonLettersAndPadToMaxTokens() {
        assertThat(tokenizer.encode("A RED circle,moving-left")).containsExactly(1, 2, 3, 4, 5, 0);
        assertThat(tokenizer.encode("  red\tcircle\n")).containsExactly(2, 3, 0, 0, 0, 0);
    }

    @Test
    void shouldDropUnknownWordsAndReportThem() {
        Tokenizer.Tokens t = tokenizer.tokenize("a shiny red circle42moving left");

        assertThat(t.ids()).containsExactly(1, 2, 3, 4, 5, 0);
        assertThat(t.ignored()).containsExactly("shiny");
        assertThat(t.truncated()).isEmpty();
    }

    @Test
    void shouldSplitDigitsAndAccentsAsSeparators() {
        // "é" is outside a-z: "rédcircle" is the words "r" and "dcircle", neither in the vocabulary.
        Tokenizer.Tokens t = tokenizer.tokenize("rédcircle 3red");

        assertThat(t.ids()).containsExactly(2, 0, 0, 0, 0, 0);
        assertThat(t.ignored()).containsExactly("r", "dcircle");
    }

    @Test
    void shouldKeepOnlyTheFirstMaxTokensWords() {
        Tokenizer.Tokens t = tokenizer.tokenize("a red circle moving left on black");

        assertThat(t.ids()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t.truncated()).containsExactly("black");
    }

    @Test
    void shouldTreatAnEmptyOrUnknownPromptAsAllPadding() {
        assertThat(tokenizer.tokenize("").empty()).isTrue();
        assertThat(tokenizer.tokenize(null).empty()).isTrue();
        assertThat(tokenizer.tokenize("purple dodecahedron!").empty()).isTrue();
        assertThat(tokenizer.tokenize("purple dodecahedron!").ignored()).containsExactly("purple", "dodecahedron");
        assertThat(tokenizer.tokenize("red").empty()).isFalse();
    }

    @Test
    void shouldNeverMatchThePaddingWord() {
        assertThat(tokenizer.tokenize("<pad> pad").ids()).containsOnly(0);
    }

    @Test
    void shouldReadVocabJsonAndRefuseOneWithoutPaddingFirst() {
        Tokenizer read = Tokenizer.read(json("[\"<pad>\", \"red\", \"red\", \"blue\"]"), "vocab.json", 4);
        assertThat(read.encode("blue red")).containsExactly(3, 1, 0, 0);
        assertThat(read.size()).isEqualTo(4);

        assertThatThrownBy(() -> Tokenizer.read(json("[\"red\", \"<pad>\"]"), "vocab.json", 4))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("vocab.json: a vocabulary starts with");
        assertThatThrownBy(() -> Tokenizer.read(json("{\"red\": 1}"), "vocab.json", 4))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("JSON array");
    }

    @Test
    void shouldTokenizeWithTheBundledVocabulary() {
        BundledModels.assumePresent(BundledModels.BASE);
        Tokenizer bundled = Tokenizer.read(BundledModels.FOLDER.resolve(BundledModels.BASE).resolve("vocab.json"), 16);

        Tokenizer.Tokens t = bundled.tokenize("Red circle, zorblax!");

        assertThat(t.ignored()).containsExactly("zorblax");
        assertThat(t.ids()).hasSize(16);
        assertThat(t.ids()[0]).isPositive();
        assertThat(t.ids()[1]).isPositive().isNotEqualTo(t.ids()[0]);
        assertThat(t.ids()[2]).isZero();
    }

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
