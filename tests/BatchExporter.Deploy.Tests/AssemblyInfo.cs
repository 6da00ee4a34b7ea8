// The deploy checks run Linux tools (helm's linux binary, a Native AOT linux build, /proc for memory figures).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
