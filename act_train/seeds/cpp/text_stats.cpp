#include <cctype>
#include <string>
#include <vector>
using namespace std;

vector<string> words(const string& text) {
    vector<string> out;
    string cur;
    for (char c : text) {
        if (isalnum(static_cast<unsigned char>(c)) || c == '\'') cur += c;
        else if (!cur.empty()) { out.push_back(cur); cur.clear(); }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// the first longest word, "" for none
string longest_word(const string& text) {
    string best;
    for (const string& w : words(text)) if (w.size() > best.size()) best = w;
    return best;
}

double average_word_length(const string& text) {
    vector<string> ws = words(text);
    if (ws.empty()) return 0.0;
    size_t total = 0;
    for (const string& w : ws) total += w.size();
    return static_cast<double>(total) / ws.size();
}
// ---- tests ----
#include <cassert>
int main() {
    vector<string> w = words("It's a dog-eat-dog world, isn't it?");
    assert(w.size() == 8 && w[0] == "It's" && w[6] == "isn't");
    assert(longest_word("a bb ccc dd eee") == "ccc" && longest_word("  ") == "");
    assert(average_word_length("ab abcd") == 3.0 && average_word_length("") == 0.0);
    assert(words("").empty() && words("x").size() == 1);
    return 0;
}
