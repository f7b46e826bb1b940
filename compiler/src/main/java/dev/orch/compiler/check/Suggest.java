package dev.orch.compiler.check;

import java.util.Collection;
import java.util.List;

/** Did-you-mean: the known word closest to a misspelt one, by edit distance (a swap of two letters counts once). */
public final class Suggest {
    private Suggest() {}

    /** The closest candidate within a distance that still reads as a typo, or null. */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        // One- and two-letter names are too short for a typo to be told from another name.
        int allowed = word.length() <= 2 ? 0 : Math.max(1, Math.min(3, word.length() / 3));
        for (String c : candidates) {
            if (c.equals(word)) continue;
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance || d == bestDistance && best != null && c.compareTo(best) < 0) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /** "did you mean 'analyst'?" when one is close, else {@code otherwise}. */
    public static String didYouMean(String word, Collection<String> candidates, String otherwise) {
        String c = closest(word, candidates);
        return c != null ? "did you mean '" + c + "'?" : otherwise;
    }

    /** "a, b or c" for a hint that lists what is allowed. */
    public static String oneOf(List<String> words) {
        if (words.isEmpty()) return "nothing";
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** "a, b and c" for a hint that lists what there is. */
    public static String allOf(List<String> words) {
        return oneOf(words).replaceFirst(" or ([^ ]+)$", " and $1");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
