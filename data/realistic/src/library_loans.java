import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Books lent to members: a loan lasts 14 days, each late day costs 25 cents, at most 3 books per member. */
class LibraryLoans {
    private static final int LOAN_DAYS = 14;
    private static final int FINE_PER_DAY = 25;
    private static final int MAX_BOOKS = 3;

    private final Map<String, String> borrower = new HashMap<>();
    private final Map<String, Integer> dueDay = new HashMap<>();
    private final Map<String, Integer> fines = new HashMap<>();

    void lend(String book, String member, int today) {
        if (borrower.containsKey(book)) throw new IllegalStateException(book + " is already lent");
        if (loansOf(member).size() >= MAX_BOOKS) throw new IllegalStateException(member + " has too many books");
        borrower.put(book, member);
        dueDay.put(book, today + LOAN_DAYS);
    }

    int giveBack(String book, int today) {
        String member = borrower.remove(book);
        if (member == null) throw new IllegalArgumentException(book + " is not lent");
        int late = Math.max(0, today - dueDay.remove(book));
        int fine = late * FINE_PER_DAY;
        if (fine > 0) fines.merge(member, fine, Integer::sum);
        return fine;
    }

    List<String> loansOf(String member) {
        List<String> books = new ArrayList<>();
        for (Map.Entry<String, String> e : borrower.entrySet()) {
            if (e.getValue().equals(member)) books.add(e.getKey());
        }
        Collections.sort(books);
        return books;
    }

    int fineOf(String member) {
        return fines.getOrDefault(member, 0);
    }

    void payFine(String member, int cents) {
        int owed = fineOf(member);
        if (cents <= 0 || cents > owed) throw new IllegalArgumentException("cannot pay " + cents);
        if (cents == owed) fines.remove(member);
        else fines.put(member, owed - cents);
    }

    boolean isLent(String book) {
        return borrower.containsKey(book);
    }

    List<String> overdue(int today) {
        List<String> late = new ArrayList<>();
        for (Map.Entry<String, Integer> e : dueDay.entrySet()) {
            if (e.getValue() < today) late.add(e.getKey());
        }
        Collections.sort(late);
        return late;
    }
}
