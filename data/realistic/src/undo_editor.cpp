#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
using namespace std;

// A one-line text buffer with a cursor and an undo history of whole states.
class UndoEditor {
    string text;
    size_t cursor = 0;
    vector<pair<string, size_t>> undo_stack;

    void remember() { undo_stack.push_back({text, cursor}); }

public:
    void type(const string& s) {
        if (s.empty()) return;
        remember();
        text.insert(cursor, s);
        cursor += s.size();
    }

    int backspace(int n) {
        size_t removed = min(static_cast<size_t>(max(n, 0)), cursor);
        if (removed == 0) return 0;
        remember();
        text.erase(cursor - removed, removed);
        cursor -= removed;
        return static_cast<int>(removed);
    }

    void move_to(int position) {
        if (position < 0 || static_cast<size_t>(position) > text.size()) throw out_of_range("position");
        cursor = position;
    }

    bool undo() {
        if (undo_stack.empty()) return false;
        text = undo_stack.back().first;
        cursor = undo_stack.back().second;
        undo_stack.pop_back();
        return true;
    }

    string contents() const { return text; }

    int position() const { return static_cast<int>(cursor); }

    int history() const { return static_cast<int>(undo_stack.size()); }

    string render() const { return text.substr(0, cursor) + "|" + text.substr(cursor); }
};
