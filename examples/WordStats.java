import java.util.*;

/** Word statistics for short texts: the kind of utility class a migration starts with. */
public class WordStats {
    public static Map<String, Integer> countWords(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : text.toLowerCase().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            counts.put(word, counts.getOrDefault(word, 0) + 1);
        }
        return counts;
    }

    public static String longestWord(List<String> words) {
        String best = "";
        for (String w : words) {
            if (w.length() > best.length()) {
                best = w;
            }
        }
        return best;
    }

    public static double averageLength(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no words");
        }
        int total = 0;
        for (String w : words) {
            total += w.length();
        }
        return (double) total / words.size();
    }
}
