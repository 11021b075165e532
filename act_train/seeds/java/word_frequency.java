import java.util.*;

class WordFrequency {
    static Map<String, Integer> count(String text) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String raw : text.split("[^A-Za-z']+")) {
            String word = raw.toLowerCase();
            if (word.isEmpty()) continue;
            counts.put(word, counts.getOrDefault(word, 0) + 1);
        }
        return counts;
    }

    static String mostFrequent(String text) {
        String best = "";
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : count(text).entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        Map<String, Integer> c = WordFrequency.count("The cat and the hat. THE end");
        check(c.get("the") == 3, "the x3");
        check(c.get("cat") == 1, "cat x1");
        check(c.size() == 5, "5 distinct words");
        check(WordFrequency.count("").isEmpty(), "empty text");
        check(WordFrequency.mostFrequent("b a b c b a").equals("b"), "most frequent");
        check(WordFrequency.mostFrequent("").equals(""), "no words");
        check(WordFrequency.mostFrequent("solo").equals("solo"), "a word seen once");
        check(WordFrequency.mostFrequent("b a").equals("a"), "ties go to the alphabetically first word");
    }
}
