import Foundation

/// Charts drawn on the server as SVG (no chart library, nothing fetched). Every text is escaped
/// here; the result goes into a template with `{{{…}}}`.
enum SVG {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Horizontal bars, one per row: label, value (0…max) and the text shown after the bar.
    static func bars(_ rows: [(label: String, value: Double, text: String)], maximum: Double, title: String) -> String {
        let width = 420.0, labelWidth = 140.0, rowHeight = 22.0
        let height = Double(rows.count) * rowHeight + 8
        var out =
            #"<svg class="chart" role="img" viewBox="0 0 \#(number(width)) \#(number(height))" xmlns="http://www.w3.org/2000/svg"><title>\#(escape(title))</title>"#
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            let length = maximum > 0 ? max(0, min(1, row.value / maximum)) * (width - labelWidth - 110) : 0
            out += #"<text x="0" y="\#(number(y + 14))">\#(escape(row.label))</text>"#
            out +=
                #"<rect x="\#(number(labelWidth))" y="\#(number(y + 3))" width="\#(number(length))" height="14" fill="rgb(11,92,173)"></rect>"#
            out += #"<text x="\#(number(labelWidth + length + 6))" y="\#(number(y + 14))">\#(escape(row.text))</text>"#
        }
        return out + "</svg>"
    }

    /// A matrix as coloured cells (darker = larger), with row and column labels and the value
    /// written in each cell.
    static func heatMap(
        rows: [String], columns: [String], values: [[Int64]], format: (Int64) -> String, title: String
    ) -> String {
        let cell = 92.0, label = 72.0, head = 28.0
        let width = label + cell * Double(columns.count), height = head + 34 * Double(rows.count)
        let largest = max(1, values.flatMap { $0 }.max() ?? 1)
        var out =
            #"<svg class="chart" role="img" viewBox="0 0 \#(number(width)) \#(number(height))" xmlns="http://www.w3.org/2000/svg"><title>\#(escape(title))</title>"#
        for (column, name) in columns.enumerated() {
            out +=
                #"<text x="\#(number(label + cell * Double(column) + cell / 2))" y="18" text-anchor="middle">\#(escape(name))</text>"#
        }
        for (row, name) in rows.enumerated() {
            let y = head + 34 * Double(row)
            out += #"<text x="0" y="\#(number(y + 21))">\#(escape(name))</text>"#
            for column in columns.indices {
                let value = row < values.count && column < values[row].count ? values[row][column] : 0
                let shade = value <= 0 ? 0.0 : 0.15 + 0.85 * Double(value) / Double(largest)
                let x = label + cell * Double(column)
                out +=
                    #"<rect x="\#(number(x + 1))" y="\#(number(y + 1))" width="\#(number(cell - 2))" height="32" fill="rgb(11,92,173)" fill-opacity="\#(String(format: "%.2f", shade))" stroke="rgb(213,219,225)"></rect>"#
                out +=
                    #"<text x="\#(number(x + cell / 2))" y="\#(number(y + 21))" text-anchor="middle"\#(shade > 0.55 ? #" class="on-dark""# : "")>\#(escape(format(value)))</text>"#
            }
        }
        return out + "</svg>"
    }

    /// A line over time: points (x label, value), in order.
    static func line(_ points: [(label: String, value: Double)], title: String) -> String {
        let width = 480.0, height = 180.0, pad = 28.0
        let largest = max(1, points.map(\.value).max() ?? 1)
        var out =
            #"<svg class="chart" role="img" viewBox="0 0 \#(number(width)) \#(number(height))" xmlns="http://www.w3.org/2000/svg"><title>\#(escape(title))</title>"#
        guard !points.isEmpty else { return out + "</svg>" }
        let step = points.count > 1 ? (width - 2 * pad) / Double(points.count - 1) : 0
        let coordinates = points.enumerated().map { index, point in
            (pad + step * Double(index), height - pad - (height - 2 * pad) * point.value / largest)
        }
        out +=
            #"<polyline fill="none" stroke="rgb(11,92,173)" stroke-width="2" points="\#(coordinates.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " "))"></polyline>"#
        out += #"<text x="\#(number(pad))" y="\#(number(height - 8))">\#(escape(points.first!.label))</text>"#
        out +=
            #"<text x="\#(number(width - pad))" y="\#(number(height - 8))" text-anchor="end">\#(escape(points.last!.label))</text>"#
        out += #"<text x="\#(number(pad))" y="16">\#(escape(String(Int64(largest))))</text>"#
        return out + "</svg>"
    }
}
