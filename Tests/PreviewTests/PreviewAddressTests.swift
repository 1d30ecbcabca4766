@testable import Preview
import Testing

struct PreviewAddressTests {
    @Test func aHostThatIsNotAnIPAddressIsRefusedWithWhatWouldBeRight() {
        #expect(throws: PreviewError.self) { try Preview.listeningAddress(host: "example.org", port: 0) }
        do {
            _ = try Preview.listeningAddress(host: "example.org", port: 0)
        } catch {
            #expect("\(error)" == "--host example.org is not an IP address; give one such as 127.0.0.1 (this machine only, the default), ::1, or 0.0.0.0 (every network the machine is on).")
        }
        #expect((try? Preview.listeningAddress(host: "::1", port: 0)) != nil)
        #expect((try? Preview.listeningAddress(host: "127.0.0.1", port: 0)) != nil)
    }

    @Test func anExplicitPortOutsideTheRangeIsRefused() {
        do {
            _ = try Preview.choosePort(PreviewOptions(lessons: .init(fileURLWithPath: "l"), output: .init(fileURLWithPath: "o"), jobs: 1, port: 70000))
            Issue.record("port 70000 was accepted")
        } catch {
            #expect("\(error)" == "--port 70000 is not a port; give one from 1 to 65535, 0 for any free port, or leave --port out to take the first free port from 8000.")
        }
    }
}
