import Vapor

/// The OpenAPI 3.0 description of /api/v1, served at /api/v1/openapi.json (tests check it lists every API route).
enum OpenAPIDocument {
    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }

    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {"title": "Junheng 均衡 API", "version": "1.0.0",
               "description": "County school statistics, 优质均衡 evaluations and snapshots. Every call except login needs `Authorization: Bearer <token>`; callers see only the counties in their scope (others answer 404, or 403 when known but not allowed)."},
      "servers": [{"url": "/api/v1"}],
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
          "Error": {"type": "object", "required": ["error", "reason"],
                    "properties": {"error": {"type": "integer"}, "reason": {"type": "string"}}},
          "Login": {"type": "object", "required": ["username", "password"],
                    "properties": {"username": {"type": "string"}, "password": {"type": "string", "format": "password"}}},
          "Token": {"type": "object", "required": ["token", "expires_at"],
                    "properties": {"token": {"type": "string"}, "expires_at": {"type": "string", "format": "date-time"}}},
          "County": {"type": "object", "required": ["code", "name", "years"],
                     "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                                    "years": {"type": "array", "items": {"type": "integer"}}}},
          "Snapshot": {"type": "object", "required": ["id", "school_year", "version", "file_name", "sha256", "schools", "rows", "uploaded_at"],
                       "properties": {"id": {"type": "string", "format": "uuid"}, "school_year": {"type": "integer"},
                                      "version": {"type": "integer"}, "file_name": {"type": "string"}, "sha256": {"type": "string"},
                                      "schools": {"type": "integer"}, "rows": {"type": "integer"},
                                      "uploaded_at": {"type": "string", "format": "date-time"}}},
          "LocatedError": {"type": "object", "required": ["row", "column", "value", "expected_zh", "expected_en", "message"],
                           "properties": {"row": {"type": "integer", "description": "spreadsheet row, header = 1"},
                                          "column": {"type": "string"}, "value": {"type": "string"},
                                          "expected_zh": {"type": "string"}, "expected_en": {"type": "string"}, "message": {"type": "string"}}},
          "ValidationFailure": {"type": "object", "required": ["error", "reason", "errors"],
                                "properties": {"error": {"type": "integer"}, "reason": {"type": "string"},
                                               "errors": {"type": "array", "items": {"$ref": "#/components/schemas/LocatedError"}}}},
          "Evaluation": {"type": "object", "description": "Exactly the JSON of `junheng evaluate --format json` (see the README's JSON contract).",
                         "required": ["standard", "passed", "sections", "schools"],
                         "properties": {"standard": {"type": "string"}, "passed": {"type": "boolean"},
                                        "sections": {"type": "array", "items": {"type": "object"}},
                                        "schools": {"type": "array", "items": {"type": "object"}}}}
        },
        "parameters": {
          "code": {"name": "code", "in": "path", "required": true, "schema": {"type": "string"}, "examples": {"demo": {"value": "330101"}}, "description": "6-digit county code"},
          "year": {"name": "year", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}, "examples": {"demo": {"value": 2025}}, "description": "school year by its first calendar year"}
        },
        "responses": {
          "Unauthorized": {"description": "no valid token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "NotFound": {"description": "not found or outside the caller's scope", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Forbidden": {"description": "known to the caller but not allowed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
      },
      "security": [{"bearer": []}],
      "paths": {
        "/auth/login": {"post": {"summary": "Exchange username and password for a bearer token (12 h)", "security": [],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Login"}}}},
          "responses": {"200": {"description": "token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Token"}}}},
                        "400": {"description": "malformed body", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"},
                        "429": {"description": "too many failed logins; see Retry-After", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}},
        "/counties": {"get": {"summary": "Counties the caller may see",
          "responses": {"200": {"description": "counties", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/County"}}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"}}}},
        "/counties/{code}/snapshots": {"get": {"summary": "Every uploaded version of a county's statistics",
          "parameters": [{"$ref": "#/components/parameters/code"}],
          "responses": {"200": {"description": "snapshots, newest first", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Snapshot"}}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
        "/counties/{code}/years/{year}/evaluation": {"get": {"summary": "Evaluate the newest snapshot of a county and year",
          "parameters": [{"$ref": "#/components/parameters/code"}, {"$ref": "#/components/parameters/year"},
                         {"name": "standard", "in": "query", "schema": {"type": "string", "enum": ["youzhi-2017", "jiben-2012"], "default": "youzhi-2017"}}],
          "responses": {"200": {"description": "the CLI's JSON contract", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evaluation"}}}},
                        "400": {"description": "unknown standard", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
        "/counties/{code}/years/{year}/statistics": {"post": {"summary": "Import a statistics file as a new immutable snapshot (statisticians of the county)",
          "parameters": [{"$ref": "#/components/parameters/code"}, {"$ref": "#/components/parameters/year"},
                         {"name": "filename", "in": "query", "schema": {"type": "string"}, "description": "name recorded with the snapshot"}],
          "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}},
                                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}},
          "responses": {"201": {"description": "stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Snapshot"}}}},
                        "202": {"description": "a large file (over 2 MiB) was queued; poll the job named by Location", "content": {"application/json": {"schema": {"type": "object", "required": ["job", "status"], "properties": {"job": {"type": "string", "format": "uuid"}, "status": {"type": "string"}}}}}},
                        "400": {"description": "bad year or empty body", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"},
                        "422": {"description": "invalid file; nothing stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ValidationFailure"}}}}}}},
        "/counties/{code}/classrooms/plan": {"get": {"summary": "The county's published 专递课堂 plan (the JSON of `junheng classrooms plan --format json`); header X-Plan-ID names it",
          "parameters": [{"$ref": "#/components/parameters/code"}],
          "responses": {"200": {"description": "plan: sessions, uncovered, coverage, upper_bound, gaps, rates, suggestions", "content": {"application/json": {"schema": {"type": "object", "required": ["sessions", "uncovered", "coverage", "upper_bound"]}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
        "/counties/{code}/classrooms/timetables/{school}": {"get": {"summary": "One school's sessions (sending and receiving) in the published plan; readers of the county or that school's principal",
          "parameters": [{"$ref": "#/components/parameters/code"}, {"name": "school", "in": "path", "required": true, "schema": {"type": "string"}, "description": "学校标识码"}],
          "responses": {"200": {"description": "timetable", "content": {"application/json": {"schema": {"type": "object", "required": ["plan_id", "school", "sessions"],
                          "properties": {"plan_id": {"type": "string", "format": "uuid"}, "school": {"type": "string"}, "published_at": {"type": "string", "format": "date-time"},
                                         "sessions": {"type": "array", "items": {"type": "object", "required": ["key", "role", "teacher_id", "sender_school", "subject", "grade", "day", "period", "receiving_classes"]}}}}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
        "/classroom-plans/{id}/logs": {"post": {"summary": "Log one occurrence of a published session as held or cancelled, with attendance (principal of a sending or receiving school, or the sending teacher)",
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["session", "date", "status"],
            "properties": {"session": {"type": "string", "description": "session key teacher@day-period"}, "date": {"type": "string", "format": "date"},
                           "status": {"type": "string", "enum": ["held", "cancelled"]}, "reason": {"type": "string"},
                           "attendance": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "class id school/grade/class → students present"}}}}}},
          "responses": {"201": {"description": "stored (replaces the school's earlier log of that date)"},
                        "400": {"description": "malformed body", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"},
                        "422": {"description": "invalid fields; nothing stored", "content": {"application/json": {"schema": {"type": "object", "required": ["error", "reason", "errors"]}}}}}}},
        "/jobs/{id}": {"get": {"summary": "A queued job (remedy plan, classroom plan, PDF) and its progress; its owner or readers of its county",
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
          "responses": {"200": {"description": "job", "content": {"application/json": {"schema": {"type": "object",
                          "required": ["id", "kind", "state", "progress", "message", "attempts", "max_attempts", "created_at"],
                          "properties": {"id": {"type": "string", "format": "uuid"},
                                         "kind": {"type": "string", "enum": ["remedy-plan", "classroom-plan", "report-pdf"]},
                                         "state": {"type": "string", "enum": ["queued", "running", "succeeded", "failed", "cancelled"]},
                                         "progress": {"type": "number", "minimum": 0, "maximum": 1}, "message": {"type": "string"},
                                         "result_url": {"type": "string", "description": "the result page or download, once succeeded"},
                                         "error": {"type": "string"}, "attempts": {"type": "integer"}, "max_attempts": {"type": "integer"},
                                         "cancel_requested": {"type": "boolean"}, "owner_id": {"type": "string", "format": "uuid"},
                                         "county_id": {"type": "string", "format": "uuid"}, "created_at": {"type": "string", "format": "date-time"},
                                         "started_at": {"type": "string", "format": "date-time"}, "finished_at": {"type": "string", "format": "date-time"}}}}}},
                        "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
        "/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.0 document"}}}}
      }
    }
    """#
}
