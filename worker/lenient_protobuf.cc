#include "worker/lenient_protobuf.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>

#include <memory>
#include <string>

#include "stages/text/utf8.h"

namespace copydesk::worker {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::DescriptorProto;
using google::protobuf::DynamicMessageFactory;
using google::protobuf::FieldDescriptor;
using google::protobuf::FieldDescriptorProto;
using google::protobuf::FileDescriptorProto;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr std::string_view kTwinPackage = "copydesk.internal.lenient";

void StringsToBytes(DescriptorProto* message, const std::string& from_prefix, const std::string& to_prefix) {
  for (FieldDescriptorProto& field : *message->mutable_field()) {
    if (field.type() == FieldDescriptorProto::TYPE_STRING) field.set_type(FieldDescriptorProto::TYPE_BYTES);
    if (field.type_name().rfind(from_prefix, 0) == 0) {
      field.set_type_name(to_prefix + field.type_name().substr(from_prefix.size()));
    }
  }
  // A map's key may not be `bytes`; as a plain repeated entry message it is the same on the wire.
  if (message->options().map_entry()) message->mutable_options()->clear_map_entry();
  for (DescriptorProto& nested : *message->mutable_nested_type()) StringsToBytes(&nested, from_prefix, to_prefix);
}

struct Twin {
  DescriptorPool pool{DescriptorPool::generated_pool()};  // imports (Timestamp) resolve from the generated pool
  std::unique_ptr<DynamicMessageFactory> factory;
  const Message* prototype = nullptr;

  Twin() {
    FileDescriptorProto file;
    v1::RawArticle::descriptor()->file()->CopyTo(&file);
    const std::string from = "." + file.package() + ".";
    const std::string to = "." + std::string(kTwinPackage) + ".";
    file.set_name("copydesk/internal/raw_article_lenient.proto");
    file.set_package(std::string(kTwinPackage));
    for (DescriptorProto& message : *file.mutable_message_type()) StringsToBytes(&message, from, to);
    if (pool.BuildFile(file) == nullptr) return;
    factory = std::make_unique<DynamicMessageFactory>(&pool);
    factory->SetDelegateToGeneratedFactory(true);
    const Descriptor* descriptor = pool.FindMessageTypeByName(std::string(kTwinPackage) + ".RawArticle");
    if (descriptor != nullptr) prototype = factory->GetPrototype(descriptor);
  }
};

const Twin& TheTwin() {
  static const Twin twin;
  return twin;
}

std::string Repaired(const std::string& bytes, size_t* repairs) {
  std::string out;
  *repairs += text::RepairUtf8(bytes, &out);
  return out;
}

// Copies `from` (a twin message) into `to` (the generated type with the same field numbers).
void CopyRepairing(const Message& from, Message* to, size_t* repairs) {
  const Reflection* in = from.GetReflection();
  const Reflection* out = to->GetReflection();
  const Descriptor* target = to->GetDescriptor();
  for (int i = 0; i < target->field_count(); ++i) {
    const FieldDescriptor* dst = target->field(i);
    const FieldDescriptor* src = from.GetDescriptor()->FindFieldByNumber(dst->number());
    if (src == nullptr) continue;
    if (dst->is_repeated()) {
      for (int k = 0; k < in->FieldSize(from, src); ++k) {
        if (dst->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          CopyRepairing(in->GetRepeatedMessage(from, src, k), out->AddMessage(to, dst), repairs);
        } else if (dst->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
          out->AddString(to, dst, Repaired(in->GetRepeatedString(from, src, k), repairs));
        }
      }
      continue;
    }
    if (dst->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      out->SetString(to, dst, Repaired(in->GetString(from, src), repairs));
    } else if (dst->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && in->HasField(from, src)) {
      // Sub-messages without strings (Timestamp) come across as bytes, unchanged.
      out->MutableMessage(to, dst)->ParseFromString(in->GetMessage(from, src).SerializeAsString());
    }
  }
}

}  // namespace

bool ParseRawArticleRepairingUtf8(std::string_view value, v1::RawArticle* article, size_t* repairs) {
  *repairs = 0;
  const Twin& twin = TheTwin();
  if (twin.prototype == nullptr) return false;
  std::unique_ptr<Message> lenient(twin.prototype->New());
  if (!lenient->ParseFromArray(value.data(), static_cast<int>(value.size()))) return false;
  article->Clear();
  CopyRepairing(*lenient, article, repairs);
  return true;
}

}  // namespace copydesk::worker
