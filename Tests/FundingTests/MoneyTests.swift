import Testing
@testable import Funding
