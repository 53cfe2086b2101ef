#pragma once
// Operations on the Training workspace's state (training_state.hpp), shared by its panels and
// shortcuts so that the panels only draw and forward input. None of them touches ImGui or GL.
//
// Two kinds of restart keep the trainer in step with the data and settings:
// - a COLD restart re-initializes the weights and clears the curves and the path (new dataset,
//   other features, init or seed, the Reset button);
// - a WARM restart keeps the current weights and the curves (the data or an optimizer setting
//   changed): the trainer is rebuilt on the new data/settings and continues from where it was,
//   with fresh optimizer state. A new class gets a zero row of weights.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "state/app_state.hpp"

namespace losslab {

// Generates the first dataset on first use, and restarts training after a scene replaced
// `generator`, `data` or `config` (AppState::sceneRevision changed).
void ensureTrainingReady(AppState& state);
// The part of it that starts over: generates `data` from `generator` when it is empty, splits it
// and cold-restarts training with `config`, `pendingModel` and `stopRule`.
void startTrainingFromSetup(TrainingState& ts);

// ---------------------------------------------------------------- dataset

// A new dataset from ts.generator (toy3 forces K = 3); undoable; cold restart. On invalid
// generator settings returns the message and changes nothing.
std::optional<std::string> regenerateDataset(TrainingState& ts);
// Removes every point (K stays); undoable.
void clearPoints(TrainingState& ts);
// A new split of every point with this test fraction (clamped to [0, 0.9]); warm restart.
void setTestFraction(TrainingState& ts, double fraction);

// Call once before a group of point edits that should undo as one step (a click, a drag).
void beginPointEdit(TrainingState& ts);
// Adds a point of class `label` (a label ≥ K adds classes up to it, at most
// kMaxTrainingClasses); returns its index, or −1 when the label is out of range.
Eigen::Index addPoint(TrainingState& ts, double x, double y, int label, bool test = false);
void movePoint(TrainingState& ts, Eigen::Index index, double x, double y);
// The points as they are now, for jobs off the UI thread: copied once per dataRevision.
std::shared_ptr<const PointsSnapshot> sharedPoints(TrainingState& ts);
// The point that the latest changes of the points only moved (TrainingState::movingPoint), or
// −1, and the dataRevision the other points are as of.
Eigen::Index pointBeingMoved(const TrainingState& ts, std::uint64_t* othersRevision);
void erasePointsAt(TrainingState& ts, const std::vector<Eigen::Index>& indices);
bool undoPointEdit(TrainingState& ts);
bool redoPointEdit(TrainingState& ts);

// Points CSV (dataset.hpp): on any error the message is returned and the points stay as they
// were. Loading is undoable and keeps the weights when K and the features still fit.
std::optional<std::string> loadPointsFile(TrainingState& ts, const std::string& path);
std::optional<std::string> savePointsFile(const TrainingState& ts, const std::string& path);

// ---------------------------------------------------------------- training

// Cold restart with the current settings (the Reset button, Shift+R).
void restartTraining(TrainingState& ts);
// Applies new settings: cold restart when they change what the weights mean (features, rbf
// width, initialization, seed), warm restart otherwise. Sets ts.notice to say which. Invalid
// settings are refused with their message (nothing changes).
std::optional<std::string> applyTrainerConfig(TrainingState& ts, const TrainerConfig& next);
// Lecture 004's W versus 2W: multiplies the current W and b by `factor` (finite, > 0), so that
// every score is c times what it was (the lecture's [1.3, 4.9, 2.0] → [2.6, 9.8, 4.0]) and the
// decision regions stay; continues from there as a warm restart does (the curves mark it).
// False when there are no weights to scale.
bool scaleWeights(TrainingState& ts, double factor);
// Up to `count` optimizer steps, stopping early after `budgetMs` milliseconds (≤ 0: no limit)
// or when training stops (divergence pauses play). Records the path. Returns steps taken; with
// a worker the steps are queued as a command and 0 is returned.
long long trainSteps(TrainingState& ts, long long count, double budgetMs = 0.0);
// Play's steps: as trainSteps, but first checks the stop rule before every step; when it holds,
// Play pauses (ts.playing = false) and ts.stopReason says why. Also pauses when nothing can train.
long long playSteps(TrainingState& ts, long long count, double budgetMs = 0.0);
// What the stop rule says now: why training should stop, or nothing.
std::optional<std::string> stopRuleReached(const TrainingState& ts);
// The stop rule ("stop when train loss < x or after N steps"; 0 turns a part off).
void setStopRule(TrainingState& ts, const TrainingStopRule& rule);
// One frame of Play: ts.stepsPerFrame steps within kTrainingFrameBudgetMs on this thread, or
// given to the worker. Nothing while paused.
void playFrame(TrainingState& ts);
void togglePlay(TrainingState& ts);
void pauseTraining(TrainingState& ts);

// ---------------------------------------------------------------- the worker

// Takes the worker's latest snapshot, if a new one is ready (once a frame, before the panels
// read the state): the trainer's view, the run, and Play paused by the stop rule or divergence.
void syncTrainingWorker(TrainingState& ts);
// Pauses Play and waits for the worker to finish every edit, then takes its final state (before
// saving at exit, or where numbers are checked at once). Without a worker does nothing.
void settleTraining(TrainingState& ts);
// Edits were posted that the state shown does not include yet ("computing…").
bool trainingLags(const TrainingState& ts);

// Steps since the run started (counting every warm restart's segment).
long long totalSteps(const TrainingState& ts);
// The measurements of the whole run (archived segments, then the trainer's history), with
// their steps counted from the start of the run.
std::size_t measurementCount(const TrainingState& ts);
Measurement measurementAt(const TrainingState& ts, std::size_t index);

// The trainer's state, from the trainer or the worker's latest snapshot.
bool hasWeights(const TrainingState& ts);
const LinearClassifier& currentModel(const TrainingState& ts);  // when hasWeights
bool trainingDiverged(const TrainingState& ts);
const std::string& trainingMessage(const TrainingState& ts);  // why training stopped
long long trainingEpochs(const TrainingState& ts);
// The current model on all the data (a pass over it without a worker; with one, the worker's
// measurement, or while it trains the run's latest measurement).
std::optional<Measurement> measureModel(TrainingState& ts);

// The model to draw: the trainer's weights when they fit the current data and features.
const LinearClassifier* displayModel(const TrainingState& ts);
// T used for probabilities (confidence shading, calibration, hover): the loss's temperature
// for losses that use one, 1 otherwise.
double displayTemperature(const TrainingState& ts);

}  // namespace losslab
