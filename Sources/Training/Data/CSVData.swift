/// Reads a dataset from CSV text: a header row of column names, then one sample per row.
public enum CSVData {
    /// `features` and `target` name columns of the header. Classification data (`classes`)
    /// has targets 0, 1, …; regression data any numbers.
    public static func dataset(
        from text: String, features: [String], target: String, classification: Bool
    ) throws -> Dataset {
        let rows = parse(text)
        guard let header = rows.first else { throw TrainingError.emptyDataset }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !features.isEmpty else {
            throw TrainingError.invalidValue(name: "features", value: "an empty list", allowed: "a list of at least one column name")
        }
        func column(_ name: String) throws -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw TrainingError.csvMissingColumn(name: name, available: names)
            }
            return index
        }
        let featureColumns = try features.map(column)
        let targetColumn = try column(target)
        var x: [Double] = []
        var y: [Double] = []
        for (offset, row) in rows.dropFirst().enumerated() {
            let rowNumber = offset + 2
            if row.count == 1, row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard row.count == names.count else {
                throw TrainingError.csvRaggedRow(row: rowNumber, cells: row.count, expected: names.count)
            }
            func number(_ index: Int) throws -> Double {
                let cell = row[index].trimmingCharacters(in: .whitespaces)
                guard let value = Double(cell), value.isFinite else {
                    throw TrainingError.csvCellNotANumber(row: rowNumber, column: names[index], value: cell)
                }
                return value
            }
            for index in featureColumns {
                x.append(try number(index))
            }
            y.append(try number(targetColumn))
        }
        guard !y.isEmpty else { throw TrainingError.emptyDataset }
        let classes = classification ? try Dataset.classCount(ofLabels: y) : nil
        return try Dataset(features: x, targets: y, featureCount: features.count, classCount: classes, featureNames: features)
    }

    /// Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes
    /// doubled, and line breaks).
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
                continue
            }
            switch character {
            case "\"" where cell.isEmpty: quoted = true
            case ",": row.append(cell); cell = ""
            case "\n", "\r\n", "\r":
                row.append(cell); cell = ""
                rows.append(row); row = []
            default: cell.append(character)
            }
        }
        if !cell.isEmpty || !row.isEmpty {
            row.append(cell)
            rows.append(row)
        }
        return rows
    }
}

import Foundation
