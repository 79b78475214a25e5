/** TorchScript models through DJL on the PyTorch engine. */
package io.framefleet.inference;
