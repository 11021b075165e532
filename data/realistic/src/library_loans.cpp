#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

const int LOAN_DAYS = 14;
const int FINE_PER_DAY = 25;
const int MAX_BOOKS = 3;

// Books lent to members: 14-day loans, 25 cents per late day, at most 3 books per member.
class LibraryLoans {
    map<string, string> borrower;
    map<string, int> due_day;
    map<string, int> fines;

public:
    void lend(const string& book, const string& member, int today) {
        if (borrower.count(book)) throw logic_error(book + " is already lent");
        if (loans_of(member).size() >= MAX_BOOKS) throw logic_error(member + " has too many books");
        borrower[book] = member;
        due_day[book] = today + LOAN_DAYS;
    }

    int give_back(const string& book, int today) {
        auto it = borrower.find(book);
        if (it == borrower.end()) throw invalid_argument(book + " is not lent");
        string member = it->second;
        borrower.erase(it);
        int late = max(0, today - due_day[book]);
        due_day.erase(book);
        int fine = late * FINE_PER_DAY;
        if (fine > 0) fines[member] += fine;
        return fine;
    }

    vector<string> loans_of(const string& member) const {
        vector<string> books;
        for (const auto& [book, who] : borrower)
            if (who == member) books.push_back(book);
        return books;
    }

    int fine_of(const string& member) const {
        auto it = fines.find(member);
        return it == fines.end() ? 0 : it->second;
    }

    void pay_fine(const string& member, int cents) {
        int owed = fine_of(member);
        if (cents <= 0 || cents > owed) throw invalid_argument("cannot pay " + to_string(cents));
        if (cents == owed) fines.erase(member);
        else fines[member] = owed - cents;
    }

    bool is_lent(const string& book) const { return borrower.count(book) > 0; }

    vector<string> overdue(int today) const {
        vector<string> late;
        for (const auto& [book, due] : due_day)
            if (due < today) late.push_back(book);
        return late;
    }
};
