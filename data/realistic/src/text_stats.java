import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Statistics over documents fed one at a time: words are runs of letters and digits, compared lower-cased. */
class TextStats {
    private final Map<String, Integer> counts = new HashMap<>();
    private int words;
    private int sentences;
    private int documents;

    void feed(String text) {
        documents++;
        StringBuilder word = new StringBuilder();
        for (char c : (text + " ").toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
                continue;
            }
            if (word.length() > 0) {
                counts.merge(word.toString(), 1, Integer::sum);
                words++;
                word.setLength(0);
            }
            if (c == '.' || c == '!' || c == '?') sentences++;
        }
    }

    int wordCount() {
        return words;
    }

    int distinctWords() {
        return counts.size();
    }

    int countOf(String word) {
        return counts.getOrDefault(word.toLowerCase(), 0);
    }

    String longestWord() {
        String best = "";
        for (String w : counts.keySet()) {
            if (w.length() > best.length() || (w.length() == best.length() && w.compareTo(best) < 0)) best = w;
        }
        return best;
    }

    List<String> mostCommon(int n) {
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> top = new ArrayList<>();
        for (int i = 0; i < n && i < byCount.size(); i++) top.add(byCount.get(i).getKey());
        return top;
    }

    /** Words per sentence in tenths, rounded half up (the report's own rounding, not the formatter's). */
    String summary() {
        long tenths = sentences == 0 ? words * 10L : Math.round(words * 10.0 / sentences);
        return String.format("%d documents, %d words, %d sentences, %d.%d words per sentence",
                documents, words, sentences, tenths / 10, tenths % 10);
    }
}
