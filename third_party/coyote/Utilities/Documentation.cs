// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

namespace Microsoft.Coyote
{
    /// <summary>
    /// Provides access to the Coyote documentation.
    /// </summary>
    internal static class Documentation
    {
        /// <summary>
        /// Url with information on learning about coyote.
        /// </summary>
        internal const string LearnAboutCoyoteUrl = "https://aka.ms/learn-coyote";

        /// <summary>
        /// Url with information about what is new with coyote.
        /// </summary>
        internal const string LearnWhatIsNewUrl = "https://aka.ms/coyote-what-is-new";

        /// <summary>
        /// Url with information about the testing process.
        /// </summary>
        internal const string LearnAboutTestUrl = "https://aka.ms/coyote-test";

        /// <summary>
        /// Url with information about the replaying process.
        /// </summary>
        internal const string LearnAboutReplayUrl = "https://aka.ms/coyote-replay";

        /// <summary>
        /// Url with information about the rewriting process.
        /// </summary>
        internal const string LearnAboutRewritingUrl = "https://aka.ms/coyote-rewrite";

        /// <summary>
        /// Url with information about the gathered telemetry.
        /// </summary>
        internal const string LearnAboutTelemetryUrl = "https://aka.ms/coyote-telemetry";
    }
}
