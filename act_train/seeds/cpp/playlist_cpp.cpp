#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class Queue {
    vector<string> songs;
    vector<int> lengths;
    size_t played = 0;
public:
    void enqueue(const string& song, int seconds) {
        if (seconds <= 0) throw invalid_argument("length must be positive");
        songs.push_back(song);
        lengths.push_back(seconds);
    }
    string play_next() {
        if (played >= songs.size()) throw out_of_range("nothing left to play");
        return songs[played++];
    }
    int remaining_seconds() const {
        int total = 0;
        for (size_t i = played; i < lengths.size(); i++) total += lengths[i];
        return total;
    }
    // "mm:ss" of what is left
    string remaining_clock() const {
        int s = remaining_seconds();
        string mm = to_string(s / 60), ss = to_string(s % 60);
        return (mm.size() < 2 ? "0" + mm : mm) + ":" + (ss.size() < 2 ? "0" + ss : ss);
    }
    size_t left() const { return songs.size() - played; }
};
// ---- tests ----
#include <cassert>
int main() {
    Queue q;
    assert(q.remaining_clock() == "00:00" && q.left() == 0);
    q.enqueue("a", 125); q.enqueue("b", 61); q.enqueue("c", 600);
    assert(q.remaining_seconds() == 786 && q.remaining_clock() == "13:06");
    assert(q.play_next() == "a" && q.left() == 2 && q.remaining_clock() == "11:01");
    assert(q.play_next() == "b" && q.play_next() == "c" && q.remaining_seconds() == 0);
    int errors = 0;
    try { q.play_next(); } catch (const out_of_range&) { errors++; }
    try { q.enqueue("x", 0); } catch (const invalid_argument&) { errors++; }
    assert(errors == 2);
    return 0;
}
