import Foundation
import JunhengSheets

/// The libFuzzer callback every harness exports as `LLVMFuzzerTestOneInput`.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                                 _ callback: FuzzTarget) -> CInt
#endif

/// Runs a harness: under `scripts/fuzz.sh` (built with `-sanitize=fuzzer -DFUZZING`) libFuzzer drives it with
/// its usual arguments; in a normal build it replays the files (or folders of files) named on the command line,
/// so a crash input kept in artifacts/fuzz/ can be re-run under the debugger.
public enum FuzzDriver {
    public static func run(_ target: FuzzTarget) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, target))
        #else
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("no such file: \(path)\n".utf8))
                exit(66)
            }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                _ = data.withUnsafeBytes { target($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
                count += 1
            }
        }
        print("replayed \(count) input(s) without a crash")
        exit(0)
        #endif
    }

    /// The input as bytes (libFuzzer passes a null pointer for the empty input).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Smaller read limits than a server's, so one input never takes seconds (the limits themselves are tested).
    public static let limits: ReadLimits = {
        var l = ReadLimits()
        l.partBytes = 8 << 20
        l.totalInflatedBytes = 16 << 20
        l.cells = 200_000
        return l
    }()
}
