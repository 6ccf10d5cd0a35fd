import Dispatch

/// Data-parallel helpers over Dispatch for the evaluation's hot loops (pure computation, no I/O).
public enum Parallel {
    /// `(0..<count).map(transform)`, computed in chunks of at least `chunk` elements on all cores, in order.
    public static func map<T>(count: Int, chunk: Int = 2048, _ transform: @Sendable (Int) -> T) -> [T] {
        let chunks = max(1, min(64, count / max(1, chunk)))
        guard chunks > 1 else { return (0..<count).map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = UncheckedPointer(pointer: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in (c * count / chunks)..<((c + 1) * count / chunks) {
                    (base.pointer + i).initialize(to: transform(i))
                }
            }
            initialized = count
        }
    }

    /// A pointer shared by workers that write disjoint elements.
    private struct UncheckedPointer<T>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<T>
    }
}
