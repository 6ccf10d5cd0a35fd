// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Junheng",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "EquityKit", targets: ["EquityKit"]),
        .library(name: "JunhengImport", targets: ["JunhengImport"]),
        .library(name: "JunhengReports", targets: ["JunhengReports"]),
        .library(name: "JunhengPlanner", targets: ["JunhengPlanner"]),
        .library(name: "ThreeClassrooms", targets: ["ThreeClassrooms"]),
        .library(name: "Accreditation", targets: ["Accreditation"]),
        .library(name: "Survey", targets: ["Survey"]),
        .library(name: "CreditBank", targets: ["CreditBank"]),
        .library(name: "Seats", targets: ["Seats"]),
        .library(name: "Teachers", targets: ["Teachers"]),
        .library(name: "Funding", targets: ["Funding"]),
        .executable(name: "junheng", targets: ["junheng"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Checked conversions and saturating sums: the one helper every input path uses. No dependencies.
        .target(name: "SafeNumbers"),
        .target(name: "JunhengTOML"),
        // Pure domain core: types, standards as data, formulas. No I/O, no third-party code.
        .target(name: "EquityKit", dependencies: ["SafeNumbers"]),
        // 优质均衡 督导评估: every item of accreditation.md as data, the assessor, the review chain, 整改 tasks. No I/O.
        .target(name: "Accreditation", dependencies: ["EquityKit"]),
        // 社会认可度 pre-survey: questionnaires as data, the sample and its quotas, satisfied shares with Wilson intervals. No I/O.
        .target(name: "Survey"),
        // zlib from Debian's zlib1g-dev (GZIP of status lists).
        .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // 学分银行 / 终身学习卡: learners, catalogue, rules as data, the hash-chained ledger, signed Open Badges / CLR
        // credentials (eddsa-jcs-2022), did:key / did:web, Bitstring Status List, the verifier. No I/O.
        .target(name: "CreditBank", dependencies: ["SafeNumbers", "CGzip", .product(name: "Crypto", package: "swift-crypto")]),
        // Spreadsheet file formats (CSV bytes, XLSX read/write) with no domain knowledge.
        .target(name: "JunhengSheets", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The school statistics file: template, decoding, validation, standard variant files.
        .target(name: "JunhengImport", dependencies: [
            "EquityKit", "ThreeClassrooms", "JunhengSheets", "Accreditation", "CreditBank", "SafeNumbers", "Seats", "JunhengTOML", "Teachers", "Funding",
        ]),
        // Evaluation reports: terminal text, JSON contract, XLSX workbook.
        .target(name: "JunhengReports", dependencies: ["EquityKit", "JunhengSheets", "JunhengPlanner", "ThreeClassrooms", "Accreditation", "Seats", "Teachers", "SafeNumbers", "Funding"]),
        // COIN-OR CBC's C interface from Debian's coinor-libcbc-dev.
        .systemLibrary(name: "CCbc", pkgConfig: "cbc", providers: [.apt(["coinor-libcbc-dev"])]),
        // Solver-neutral MIP models solved by CBC.
        .target(name: "JunhengSolver", dependencies: ["CCbc"]),
        // The remedy planner: cheapest investments and teacher moves that make a county pass.
        .target(name: "JunhengPlanner", dependencies: ["EquityKit", "JunhengSolver", "SafeNumbers"]),
        // 三个课堂: curriculum as data, gap detection, the 专递课堂 planner on CBC. No I/O.
        .target(name: "ThreeClassrooms", dependencies: ["JunhengSolver", "SafeNumbers"]),
        // 学位: cohort-flow forecasts, 学位预警 bands and catchment plans on CBC with an independent checker. No I/O.
        .target(name: "Seats", dependencies: ["JunhengSolver", "SafeNumbers"]),
        // 教师名册: the register, derived teacher figures, 交流轮岗 eligibility and plans on CBC with an independent checker. No I/O.
        .target(name: "Teachers", dependencies: ["EquityKit", "SafeNumbers", "JunhengSolver", .product(name: "Crypto", package: "swift-crypto")]),
        // 经费: money in 分, budget lines, projects, funding rules as data, 万元 tables, Fiscal Data Package. No I/O.
        .target(name: "Funding", dependencies: ["SafeNumbers"]),
        // Seeded synthetic counties for the demo, tests and benchmarks.
        .target(name: "JunhengDemo", dependencies: ["EquityKit", "ThreeClassrooms", "Accreditation", "Seats", "Teachers"]),
        // The web platform: Vapor + Fluent app with roles, audit log, JSON API and server-rendered pages.
        .target(name: "JunhengWeb", dependencies: [
            "EquityKit", "JunhengImport", "JunhengReports", "JunhengDemo", "JunhengSheets", "JunhengPlanner", "ThreeClassrooms", "Survey",
            "SafeNumbers", "Accreditation", "CreditBank", "Seats", "Funding", "Teachers",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Plot", package: "Plot"),
        ]),
        .executableTarget(name: "junheng", dependencies: [
            "EquityKit", "JunhengImport", "JunhengReports", "JunhengDemo", "JunhengSheets", "JunhengPlanner", "ThreeClassrooms", "JunhengWeb", "Accreditation", "CreditBank", "Seats", "Teachers", "Funding",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer harnesses (scripts/fuzz.sh builds them with -sanitize=fuzzer -DFUZZING; a normal build replays files).
        .target(name: "FuzzSupport", dependencies: ["JunhengSheets"], path: "Sources/Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", "JunhengSheets"], path: "Sources/Fuzz/FuzzCSV"),
        .executableTarget(name: "FuzzXLSX", dependencies: ["FuzzSupport", "JunhengSheets"], path: "Sources/Fuzz/FuzzXLSX"),
        .executableTarget(name: "FuzzStatistics", dependencies: ["FuzzSupport", "JunhengImport", "EquityKit"],
                          path: "Sources/Fuzz/FuzzStatistics"),
        .executableTarget(name: "FuzzClassrooms", dependencies: ["FuzzSupport", "JunhengImport"], path: "Sources/Fuzz/FuzzClassrooms"),
        .executableTarget(name: "FuzzStandardFile", dependencies: ["FuzzSupport", "JunhengImport"], path: "Sources/Fuzz/FuzzStandardFile"),
        .executableTarget(name: "FuzzTeachers", dependencies: ["FuzzSupport", "JunhengImport", "Teachers", "EquityKit"], path: "Sources/Fuzz/FuzzTeachers"),
        .executableTarget(name: "FuzzSeats", dependencies: ["FuzzSupport", "JunhengImport", "JunhengSheets", "Seats"], path: "Sources/Fuzz/FuzzSeats"),
        .testTarget(name: "EquityKitTests", dependencies: ["EquityKit", "SafeNumbers"]),
        .testTarget(name: "SurveyTests", dependencies: ["Survey"]),
        .testTarget(name: "FundingTests", dependencies: ["Funding", "JunhengImport"]),
        .testTarget(name: "CreditBankTests", dependencies: ["CreditBank", "JunhengImport"]),
        .testTarget(name: "AccreditationTests", dependencies: ["Accreditation", "EquityKit"]),
        .testTarget(name: "JunhengSheetsTests", dependencies: ["JunhengSheets", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "JunhengTOMLTests", dependencies: ["JunhengTOML"], exclude: ["Fixtures"]),
        .testTarget(name: "JunhengImportTests", dependencies: ["JunhengImport", "JunhengTOML", "EquityKit", "JunhengSheets", "JunhengDemo", "Accreditation"]),
        .testTarget(name: "JunhengReportsTests", dependencies: ["JunhengReports", "EquityKit", "JunhengImport", "JunhengDemo", "Accreditation", "Seats"]),
        .testTarget(name: "JunhengSolverTests", dependencies: ["JunhengSolver"]),
        .testTarget(name: "SeatsTests", dependencies: ["Seats", "JunhengSolver", "JunhengImport", "JunhengDemo", "JunhengSheets"]),
        .testTarget(name: "TeachersTests", dependencies: ["Teachers", "EquityKit", "JunhengImport", "JunhengDemo", "JunhengSheets", "JunhengSolver"]),
        .testTarget(name: "JunhengPlannerTests", dependencies: ["JunhengPlanner", "EquityKit", "JunhengDemo"]),
        .testTarget(name: "ThreeClassroomsTests", dependencies: ["ThreeClassrooms", "JunhengDemo", "JunhengImport", "JunhengSheets"]),
        .testTarget(name: "JunhengWebTests", dependencies: [
            "JunhengWeb", "EquityKit", "JunhengImport", "JunhengDemo", "JunhengReports", "Survey", "Accreditation", "CreditBank", "Seats", "Funding", "Teachers", "JunhengSheets",
            .product(name: "VaporTesting", package: "vapor"),
        ], exclude: ["Fixtures"]),
        .testTarget(name: "JunhengCLITests", dependencies: [
            "junheng", "EquityKit", "JunhengImport", "JunhengDemo", "ThreeClassrooms", "JunhengWeb", "Accreditation", "CreditBank", "Seats",
            .product(name: "VaporTesting", package: "vapor"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
