using System.Text.Json.Serialization;

namespace BranchNetwork.Core.Audit;

/// <summary>
/// Source-generated JSON for the audit trail's change lists: every save writes one, and reflection-based
/// serialisation would cost a few hundred milliseconds on the first save after start-up.
/// </summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<FieldChange>))]
[JsonSerializable(typeof(FieldChange[]))]
internal sealed partial class AuditJson : JsonSerializerContext;
