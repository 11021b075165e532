#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

static string escape_cell(const string& cell) {
    size_t b = cell.find_first_not_of(" \t\n");
    string s = b == string::npos ? "" : cell.substr(b, cell.find_last_not_of(" \t\n") - b + 1);
    string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

// Builds a Markdown table: a header, rows padded to the header's width, columns aligned by their widest cell.
class MarkdownTable {
    vector<string> header;
    vector<vector<string>> rows;

    string line(const vector<string>& cells) const {
        string out = "|";
        for (size_t i = 0; i < cells.size(); i++)
            out += " " + cells[i] + string(width(static_cast<int>(i)) - cells[i].size(), ' ') + " |";
        return out + "\n";
    }

public:
    explicit MarkdownTable(const vector<string>& columns) {
        if (columns.empty()) throw invalid_argument("a table needs at least one column");
        for (const string& c : columns) header.push_back(escape_cell(c));
    }

    int add_row(const vector<string>& cells) {
        if (cells.size() > header.size()) throw invalid_argument("too many cells");
        vector<string> row(header.size());
        for (size_t i = 0; i < cells.size(); i++) row[i] = escape_cell(cells[i]);
        rows.push_back(row);
        return static_cast<int>(rows.size());
    }

    int width(int column) const {
        if (column < 0 || column >= static_cast<int>(header.size())) throw out_of_range("column");
        size_t w = max<size_t>(3, header[column].size());
        for (const auto& row : rows) w = max(w, row[column].size());
        return static_cast<int>(w);
    }

    string render() const {
        vector<string> rule;
        for (size_t i = 0; i < header.size(); i++) rule.push_back(string(width(static_cast<int>(i)), '-'));
        string out = line(header) + line(rule);
        for (const auto& row : rows) out += line(row);
        return out;
    }

    int row_count() const { return static_cast<int>(rows.size()); }
};
