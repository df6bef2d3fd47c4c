#include "js/slab_table.h"

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

void SlabTable::Init(Realm *realm, v8::Local<v8::Object> target) {
  realm_ = realm;
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Array> list = v8::Array::New(isolate);
  list_.Reset(isolate, list);
  SetValue(isolate, target, "slabs", list);
}

uint32_t SlabTable::Add(size_t size, char **base) {
  v8::Isolate *isolate = realm_->isolate();
  v8::HandleScope scope(isolate);
  std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, size);
  *base = static_cast<char *>(store->Data());
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, std::move(store));
  uint32_t id;
  if (!free_ids_.empty()) {
    id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    id = next_id_++;
  }
  USE(list_.Get(isolate)->Set(realm_->context(), id, ab));
  return id;
}

void SlabTable::Release(uint32_t id) {
  pending_release_.push_back(id);
  if (!release_scheduled_) {
    release_scheduled_ = true;
    realm_->AfterFlush(ApplyReleases, this);
  }
}

void SlabTable::ApplyReleases(void *arg) {
  SlabTable *t = static_cast<SlabTable *>(arg);
  t->release_scheduled_ = false;
  v8::Isolate *isolate = t->realm_->isolate();
  v8::HandleScope scope(isolate);
  v8::Local<v8::Array> list = t->list_.Get(isolate);
  for (uint32_t id : t->pending_release_) {
    // JS views keep the ArrayBuffer alive; the table lets go of it.
    USE(list->Set(t->realm_->context(), id, v8::Undefined(isolate)));
    t->free_ids_.push_back(id);
  }
  t->pending_release_.clear();
}

}  // namespace shard
