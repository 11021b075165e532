import java.util.*;

class Anagrams {
    static String key(String word) {
        char[] cs = word.toLowerCase().toCharArray();
        Arrays.sort(cs);
        return new String(cs);
    }

    // groups of words that are anagrams of each other, each group in input order; groups by first appearance
    static List<List<String>> groups(List<String> words) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String w : words) byKey.computeIfAbsent(key(w), k -> new ArrayList<>()).add(w);
        return new ArrayList<>(byKey.values());
    }

    // ignores spaces and case: "Dormitory" and "dirty room"
    static boolean isAnagram(String a, String b) {
        String x = a.replace(" ", ""), y = b.replace(" ", "");
        if (x.length() != y.length() || x.length() == 0) return false;
        int[] counts = new int[128];
        for (int i = 0; i < x.length(); i++) {
            counts[Character.toLowerCase(x.charAt(i)) % 128]++;
            counts[Character.toLowerCase(y.charAt(i)) % 128]--;
        }
        for (int c : counts) if (c != 0) return false;
        return true;
    }

    static int largestGroup(List<String> words) {
        int best = 0;
        for (List<String> g : groups(words)) best = Math.max(best, g.size());
        return best;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        java.util.List<java.util.List<String>> g = Anagrams.groups(
            java.util.List.of("listen", "google", "Silent", "enlist", "gogole", "cat"));
        check(g.size() == 3 && g.get(0).equals(java.util.List.of("listen", "Silent", "enlist")), "first group");
        check(g.get(1).equals(java.util.List.of("google", "gogole")) && g.get(2).equals(java.util.List.of("cat")),
              "other groups");
        check(Anagrams.largestGroup(java.util.List.of("a", "b", "ab", "ba", "AB")) == 3, "largest");
        check(Anagrams.groups(java.util.List.of()).isEmpty() && Anagrams.largestGroup(java.util.List.of()) == 0,
              "empty");
        check(Anagrams.key("DcBa").equals("abcd"), "key");
        check(Anagrams.isAnagram("Dormitory", "dirty room") && !Anagrams.isAnagram("ab", "abc"), "isAnagram");
        check(!Anagrams.isAnagram("", "") && !Anagrams.isAnagram("ab", "aa") && Anagrams.isAnagram("a", "A"), "edges");
    }
}
