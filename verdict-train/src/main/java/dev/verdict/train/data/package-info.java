/**
 * Training data: labelled pairs loaded through the data module's readers, the seeded data order shared by every
 * rank, the images of a pair.
 */
package dev.verdict.train.data;
