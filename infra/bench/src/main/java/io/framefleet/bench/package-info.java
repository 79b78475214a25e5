/** Benchmarks of the upscalers and interpolators against FFmpeg's baselines on real media. */
package io.framefleet.bench;
