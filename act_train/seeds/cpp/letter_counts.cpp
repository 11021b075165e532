#include <cctype>
#include <map>
#include <string>
#include <vector>
using namespace std;

// letters only, case-insensitive
map<char, int> letter_counts(const string& text) {
    map<char, int> counts;
    for (char c : text)
        if (isalpha(static_cast<unsigned char>(c))) counts[static_cast<char>(tolower(c))]++;
    return counts;
}

// letters that occur at least `min` times, most frequent first, ties alphabetical
vector<char> frequent_letters(const string& text, int min) {
    map<char, int> counts = letter_counts(text);
    vector<char> out;
    for (int n = static_cast<int>(text.size()); n >= min && n > 0; n--)
        for (const auto& kv : counts)
            if (kv.second == n) out.push_back(kv.first);
    return out;
}
// ---- tests ----
#include <cassert>
int main() {
    map<char, int> c = letter_counts("Hello, World!");
    assert(c.size() == 7 && c['l'] == 3 && c['o'] == 2 && c['h'] == 1 && c.count(',') == 0);
    assert(letter_counts("123 !").empty());
    vector<char> f = frequent_letters("Mississippi", 2);
    assert((f == vector<char>{'i', 's', 'p'}));
    assert((frequent_letters("aAbB c", 2) == vector<char>{'a', 'b'}));
    assert(frequent_letters("abc", 2).empty() && frequent_letters("", 1).empty());
    return 0;
}
