#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <vector>
using namespace std;

// Statistics over documents fed one at a time: words are runs of letters and digits, compared lower-cased.
class TextStats {
    map<string, int> counts;
    int words = 0;
    int sentences = 0;
    int documents = 0;

public:
    void feed(const string& text) {
        documents++;
        string word;
        for (size_t i = 0; i <= text.size(); i++) {
            char c = i < text.size() ? text[i] : ' ';
            if (isalnum(static_cast<unsigned char>(c))) {
                word += static_cast<char>(tolower(static_cast<unsigned char>(c)));
                continue;
            }
            if (!word.empty()) {
                counts[word]++;
                words++;
                word.clear();
            }
            if (c == '.' || c == '!' || c == '?') sentences++;
        }
    }

    int word_count() const { return words; }

    int distinct_words() const { return static_cast<int>(counts.size()); }

    int count_of(const string& word) const {
        string key;
        for (char c : word) key += static_cast<char>(tolower(static_cast<unsigned char>(c)));
        auto it = counts.find(key);
        return it == counts.end() ? 0 : it->second;
    }

    string longest_word() const {
        string best;
        for (const auto& [w, n] : counts)
            if (w.size() > best.size()) best = w;  // the map is sorted: the first of a length wins
        return best;
    }

    vector<string> most_common(int n) const {
        vector<pair<string, int>> all(counts.begin(), counts.end());
        stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        vector<string> out;
        for (int i = 0; i < n && i < static_cast<int>(all.size()); i++) out.push_back(all[i].first);
        return out;
    }

    // words per sentence in tenths, rounded half up
    string summary() const {
        long long tenths = sentences == 0 ? words * 10LL : llround(words * 10.0 / sentences);
        return to_string(documents) + " documents, " + to_string(words) + " words, " + to_string(sentences) +
               " sentences, " + to_string(tenths / 10) + "." + to_string(tenths % 10) + " words per sentence";
    }
};
