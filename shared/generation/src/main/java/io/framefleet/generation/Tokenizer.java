package io.framefleet.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framefleet.inference.InvalidModelException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prompt to token ids, exactly as the Python training code does it: lower-case, split on runs of characters outside
 * {@code a-z}, look each word up in {@code vocab.json} (a JSON array of words, index 0 {@code "<pad>"}), drop the
 * words it lacks, keep the first {@code maxTokens}, pad with 0. An unknown word is never an error: the prompt means
 * less, and {@link Tokens#ignored()} says which words were lost.
 */
public final class Tokenizer {

    public static final String PAD = "<pad>";

    private final Map<String, Long> ids;
    private final int maxTokens;
    private final int size;

    private Tokenizer(Map<String, Long> ids, int size, int maxTokens) {
        this.ids = ids;
        this.size = size;
        this.maxTokens = maxTokens;
    }

    /** A prompt's ids and the words that did not make it into them. */
    public record Tokens(long[] ids, List<String> ignored, List<String> truncated) {

        public Tokens {
            ids = ids.clone();
            ignored = List.copyOf(ignored);
            truncated = List.copyOf(truncated);
        }

        @Override
        public long[] ids() {
            return ids.clone();
        }

        /** Whether every id is padding: the unconditional (empty) prompt. */
        public boolean empty() {
            return Arrays.stream(ids).allMatch(id -> id == 0);
        }
    }

    /** A tokenizer over {@code words} (index 0 must be {@code <pad>}) keeping {@code maxTokens} ids. */
    public static Tokenizer of(List<String> words, int maxTokens) {
        if (words.isEmpty() || !PAD.equals(words.get(0))) {
            throw new InvalidModelException("a vocabulary starts with \"" + PAD + "\" at index 0");
        }
        if (maxTokens < 1) {
            throw new InvalidModelException("max_tokens must be at least 1, got " + maxTokens);
        }
        Map<String, Long> ids = new HashMap<>();
        for (int i = 1; i < words.size(); i++) {
            // The first occurrence wins, as Python's list.index does.
            ids.putIfAbsent(words.get(i), (long) i);
        }
        return new Tokenizer(ids, words.size(), maxTokens);
    }

    /** Reads {@code vocab.json}; {@code origin} names it in error messages. */
    public static Tokenizer read(InputStream vocabJson, String origin, int maxTokens) {
        try {
            JsonNode root = new ObjectMapper().readTree(vocabJson);
            if (root == null || !root.isArray()) {
                throw new InvalidModelException(origin + ": a vocabulary is a JSON array of words");
            }
            List<String> words = new ArrayList<>(root.size());
            for (JsonNode w : root) {
                if (!w.isTextual()) {
                    throw new InvalidModelException(origin + ": vocabulary entry " + words.size() + " is not a string");
                }
                words.add(w.asText());
            }
            return of(words, maxTokens);
        } catch (IOException e) {
            throw new InvalidModelException(origin + ": not valid JSON: " + e.getMessage(), e);
        } catch (InvalidModelException e) {
            throw e.getMessage().startsWith(origin) ? e : new InvalidModelException(origin + ": " + e.getMessage());
        }
    }

    public static Tokenizer read(Path vocabJson, int maxTokens) {
        try (InputStream in = Files.newInputStream(vocabJson)) {
            return read(in, vocabJson.toString(), maxTokens);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read " + vocabJson + ": " + e.getMessage(), e);
        }
    }

    /** The ids of {@code prompt}, {@link #maxTokens()} long; null is the empty prompt. */
    public long[] encode(String prompt) {
        return tokenize(prompt).ids();
    }

    /** The ids of {@code prompt} with the words that were dropped or cut off. */
    public Tokens tokenize(String prompt) {
        long[] out = new long[maxTokens];
        List<String> ignored = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        int n = 0;
        for (String word : words(prompt)) {
            Long id = ids.get(word);
            if (id == null) {
                ignored.add(word);
            } else if (n < maxTokens) {
                out[n++] = id;
            } else {
                truncated.add(word);
            }
        }
        return new Tokens(out, ignored, truncated);
    }

    /** The words of {@code prompt}: lower-cased, split on every run of characters outside a-z. */
    static List<String> words(String prompt) {
        List<String> words = new ArrayList<>();
        if (prompt == null) {
            return words;
        }
        String lower = prompt.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            boolean letter = c >= 'a' && c <= 'z';
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** Words in the vocabulary, padding included. */
    public int size() {
        return size;
    }
}
