using Microsoft.Extensions.Options;

namespace BatchExporter.Options;

/// <summary>
/// The per-field rules: the attributes on <see cref="ExporterOptions"/> and the options inside it, checked by code the
/// options source generator writes (no reflection, so Native AOT keeps them). <see cref="ExporterOptionsValidator"/>
/// checks the rules that span fields.
/// </summary>
[OptionsValidator]
internal sealed partial class ExporterOptionsFieldValidator : IValidateOptions<ExporterOptions>;
